package org.neuralode4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.tensor.Gemm;
import org.neuralode4j.tensor.Tensor;

/**
 * Throughput of a large MLP vector field against the machine's peak and against PyTorch: batch
 * 4096, Linear(512, 512), Tanh, Linear(512, 512) in float64. Prints GFLOP/s of one matrix product
 * [4096, 512]·[512, 512], of the field's forward pass (2 such products) and of its forward pass plus
 * the vector–Jacobian product with respect to the state and all parameters (6 products), for each
 * thread count, next to the nominal peak (threads × clock × 8 doubles (AVX-512) × 2 for FMA, the
 * clock from /proc/cpuinfo) and to PyTorch's figures from {@code bench/scripts/torch_throughput.py}
 * at the same thread count (run with /usr/bin/python3 when present; skipped otherwise).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.LargeMlpThroughput [--threads 1,2] [--batch 4096] [--width 512] [--reps 5]
 * [--no-torch]} from the repository root.
 */
public final class LargeMlpThroughput {
    private LargeMlpThroughput() {
    }

    private interface Body {
        void run();
    }

    /** Best wall time of {@code reps} runs after two warm-up runs, in seconds. */
    private static double best(Body body, int reps) {
        body.run();
        body.run();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /** The clock in MHz from /proc/cpuinfo ("cpu MHz"), or NaN. */
    static double clockMhz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threads = new ArrayList<>(List.of(1, Runtime.getRuntime().availableProcessors()));
        int batch = 4096;
        int width = 512;
        int reps = 5;
        boolean torch = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> {
                    threads.clear();
                    for (String t : args[++i].split(",")) {
                        threads.add(Integer.parseInt(t.trim()));
                    }
                }
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--width" -> width = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--no-torch" -> torch = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --threads 1,2 --batch N --width N --reps N --no-torch");
            }
        }
        threads = threads.stream().distinct().toList();
        double mhz = clockMhz();
        System.out.printf(Locale.ROOT, "# batch %d, MLP %d -> %d (tanh) -> %d, float64; Gemm kernels %s; clock %.0f MHz "
                + "(/proc/cpuinfo); %s %s; %s%n", batch, width, width, width, Gemm.kernelName(), mhz,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors() + " processors");
        System.out.println("| threads | what | ms | GFLOP/s | % of nominal peak | PyTorch ms | PyTorch GFLOP/s | ours / PyTorch |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        SplittableRandom rng = new SplittableRandom(0);
        Sequential net = Mlp.builder(width, width).hidden(width).activation("tanh").seed(0).build();
        ModuleField field = new ModuleField(net);
        int params = (int) net.parameterCount();
        Tensor x = Tensor.randn(rng, batch, width);
        double[] z = x.toArray();
        double[] a = Tensor.randn(rng, batch, width).toArray();
        double[] f = new double[batch * width];
        double[] gz = new double[batch * width];
        double[] gp = new double[params];
        double[] ma = Tensor.randn(rng, batch, width).toArray();
        double[] mb = Tensor.randn(rng, width, width).toArray();
        double[] mc = new double[batch * width];
        double flopMm = 2.0 * batch * width * width;
        int fb = batch;
        int fw = width;
        int n = batch * width;
        for (int t : threads) {
            Gemm.setThreads(t);
            double peak = t * mhz * 1e6 * 8 * 2 / 1e9;
            double mm = best(() -> Gemm.gemm(false, false, fb, fw, fw, 1.0, ma, 0, fw, mb, 0, fw, 0.0, mc, 0, fw), reps);
            double fwd = best(() -> Autodiff.noGrad(() -> net.forward(x)), reps);
            double vjp = best(() -> field.evaluateVjp(0.0, n, z, 0, a, 0, f, 0, gz, 0, gp, 0, 1.0), reps);
            double[] tor = torch ? torch(t, batch, width, reps) : null;
            row(t, "matmul [" + batch + "," + width + "]x[" + width + "," + width + "]", mm, flopMm, peak,
                    tor == null ? Double.NaN : tor[0]);
            row(t, "MLP forward", fwd, 2 * flopMm, peak, tor == null ? Double.NaN : tor[1]);
            row(t, "MLP forward + VJP (state and parameters)", vjp, 6 * flopMm, peak, tor == null ? Double.NaN : tor[2]);
        }
    }

    private static void row(int threads, String what, double seconds, double flop, double peak, double torchSeconds) {
        double gf = flop / seconds / 1e9;
        String torchCols = Double.isNaN(torchSeconds) ? "| n/a | n/a | n/a |"
                : String.format(Locale.ROOT, "| %.1f | %.1f | %.2f |", torchSeconds * 1e3, flop / torchSeconds / 1e9,
                        torchSeconds / seconds);
        System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f %% %s%n", threads, what, seconds * 1e3, gf,
                100 * gf / peak, torchCols);
    }

    /** PyTorch's seconds for {mm, forward, forward + VJP}, or null when the script cannot run. */
    private static double[] torch(int threads, int batch, int width, int reps) {
        Path script = Path.of("bench", "scripts", "torch_throughput.py");
        Path python = Path.of("/usr/bin/python3");
        if (!Files.exists(script) || !Files.exists(python)) {
            return null;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "--threads",
                    Integer.toString(threads), "--batch", Integer.toString(batch), "--width", Integer.toString(width),
                    "--reps", Integer.toString(reps)).redirectErrorStream(true);
            for (String v : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) {
                pb.environment().put(v, Integer.toString(threads));
            }
            Process p = pb.start();
            StringBuilder out = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                }
            }
            if (p.waitFor() != 0) {
                System.err.println("torch_throughput.py failed: " + out);
                return null;
            }
            return new double[] {field(out, "mm_s"), field(out, "mlp_forward_s"), field(out, "mlp_forward_vjp_s")};
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static double field(CharSequence json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
