package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.ANY;
import static org.neuralode4j.ode.problems.Parameter.Domain.POSITIVE;
import static org.neuralode4j.ode.problems.Parameter.Domain.UNIT_INTERVAL;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.neuralode4j.ode.ArrayVectorField;

/**
 * DC–DC power converters with state (iL, vC), inductor current and capacitor voltage, driving a
 * resistive load R (REFERENCE.md; defaults Vin = 12 V, d = 0.5, L = 100 µH, C = 100 µF, R = 5 Ω,
 * from (0, 0)).
 *
 * <ul>
 *   <li>{@code buck}: the state-space averaged synchronous buck, L iL' = d·Vin − vC,
 *       C vC' = iL − vC/R (R. D. Middlebrook, S. Ćuk, "A general unified approach to modelling
 *       switching-converter power stages", IEEE PESC 1976; R. W. Erickson, D. Maksimović,
 *       Fundamentals of Power Electronics, 3rd ed., 2020, ch. 7). Steady state (d·Vin/R, d·Vin) =
 *       (1.2 A, 6 V); eigenvalues −1000 ± 9950j s⁻¹.</li>
 *   <li>{@code buck-switched}: the same circuit with d replaced by the PWM signal q(t) ∈ {0, 1} at
 *       fs = 100 kHz ({@link PwmSignal}). f is piecewise constant in q, so the switching instants
 *       are jump times: the solver lands on each one and restarts there, and within each interval
 *       it integrates a smooth linear system.</li>
 *   <li>{@code boost}: the averaged boost, L iL' = Vin − (1 − d)·vC, C vC' = (1 − d)·iL − vC/R
 *       (Erickson &amp; Maksimović, ch. 2 and 7); steady state vC = Vin/(1 − d) = 24 V,
 *       iL = vC/((1 − d)R) = 9.6 A.</li>
 * </ul>
 */
final class Converters {
    /** The input signal the converters expose: the duty cycle (the PWM's duty for the switched one). */
    private static final List<String> DUTY = List.of("d");

    static final Problem BUCK = withDutyStep(circuit("buck", "averaged synchronous buck converter: L iL' = d Vin - vC, "
            + "C vC' = iL - vC/R; optionally the duty steps from d to d_step at t_step (a jump time)",
            "Middlebrook & Cuk, IEEE PESC 1976 (state-space averaging)"))
            .factory(p -> {
                DutySchedule duty = DutySchedule.of(p);
                if (!duty.steps()) {
                    return Dynamics.of(buck(p.get("Vin"), duty.d(), p.get("L"), p.get("C"), p.get("R")))
                            .withInputs(DUTY, duty::inputs);
                }
                double tStep = duty.tStep();
                return Dynamics.of(buckStep(p.get("Vin"), duty.d(), duty.dStep(), tStep, p.get("L"), p.get("C"), p.get("R")))
                        .withJumps((from, to) -> tStep > from && tStep < to ? new double[] {tStep} : new double[0])
                        .withInputs(DUTY, duty::inputs);
            })
            .build();

    static final Problem BUCK_SWITCHED = withDutyStep(circuit("buck-switched", "switched synchronous buck converter: L iL' = "
            + "q(t) Vin - vC, C vC' = iL - vC/R, q(t) a PWM signal of duty d at fs (switching instants are jump times); "
            + "optionally the duty steps from d to d_step at t_step",
            "Erickson & Maksimovic, Fundamentals of Power Electronics (2020), ch. 2")
            .parameter("fs", 100e3, "Hz", "switching frequency", POSITIVE))
            .factory(p -> {
                DutySchedule duty = DutySchedule.of(p);
                double fs = p.get("fs");
                PwmSignal before = new PwmSignal(fs, duty.d());
                if (!duty.steps()) {
                    return Dynamics.of(buckSwitched(p.get("Vin"), before::value, p.get("L"), p.get("C"), p.get("R")))
                            .withJumps(before::switchingTimes).withInputs(DUTY, duty::inputs);
                }
                double tStep = duty.tStep();
                PwmSignal after = new PwmSignal(fs, duty.dStep());
                return Dynamics.of(buckSwitched(p.get("Vin"), t -> t < tStep ? before.value(t) : after.value(t),
                                p.get("L"), p.get("C"), p.get("R")))
                        .withJumps((from, to) -> steppedEdges(before, after, tStep, from, to))
                        .withInputs(DUTY, duty::inputs);
            })
            .build();

    static final Problem BOOST = circuit("boost", "averaged boost converter: L iL' = Vin - (1 - d) vC, "
            + "C vC' = (1 - d) iL - vC/R", "Middlebrook & Cuk, IEEE PESC 1976 (state-space averaging)")
            .factory(p -> {
                double d = p.get("d");
                return Dynamics.of(boost(p.get("Vin"), d, p.get("L"), p.get("C"), p.get("R")))
                        .withInputs(DUTY, t -> new double[] {d});
            })
            .build();

    private Converters() {
    }

    /** Adds the optional duty step's parameters, d_step and t_step, read by {@link DutySchedule}. */
    private static Problem.Builder withDutyStep(Problem.Builder b) {
        return b.parameter("d_step", -1, "", "duty cycle after t_step (negative: no step)", ANY)
                .parameter("t_step", 0, "s", "time of the duty step", ANY);
    }

    /**
     * The buck's duty cycle over time: d, or d until t_step and d_step from then on when d_step is
     * not negative (the parameters the averaged and the switched buck share).
     */
    private record DutySchedule(double d, double dStep, double tStep) {
        static DutySchedule of(ParameterValues p) {
            double dStep = p.get("d_step");
            if (dStep > 1) {
                throw new IllegalArgumentException("parameter d_step = " + dStep + " must lie in [0, 1] (a duty cycle)");
            }
            return new DutySchedule(p.get("d"), dStep, p.get("t_step"));
        }

        boolean steps() {
            return dStep >= 0;
        }

        /** The duty cycle as the input signal: d_step at and after t_step. */
        double[] inputs(double t) {
            return new double[] {steps() && t >= tStep ? dStep : d};
        }
    }

    private static Problem.Builder circuit(String name, String description, String reference) {
        return Problem.builder(name).description(description).reference(reference)
                .states("iL", "vC").y0(0, 0).span(0, 5e-3)
                .parameter("Vin", 12, "V", "input voltage", ANY)
                .parameter("d", 0.5, "", "duty cycle", UNIT_INTERVAL)
                .parameter("L", 100e-6, "H", "inductance", POSITIVE)
                .parameter("C", 100e-6, "F", "capacitance", POSITIVE)
                .parameter("R", 5, "Ohm", "load resistance", POSITIVE);
    }

    static ArrayVectorField buck(double vin, double d, double l, double c, double r) {
        double u = d * vin;
        return (t, z, dz) -> {
            dz[0] = (u - z[1]) / l;
            dz[1] = (z[0] - z[1] / r) / c;
        };
    }

    /** The averaged buck with the duty cycle stepping from d to dStep at tStep (f jumps there). */
    static ArrayVectorField buckStep(double vin, double d, double dStep, double tStep, double l, double c, double r) {
        return (t, z, dz) -> {
            double u = (t < tStep ? d : dStep) * vin;
            dz[0] = (u - z[1]) / l;
            dz[1] = (z[0] - z[1] / r) / c;
        };
    }

    static ArrayVectorField buckSwitched(double vin, DoubleUnaryOperator q, double l, double c, double r) {
        return (t, z, dz) -> {
            dz[0] = (q.applyAsDouble(t) * vin - z[1]) / l;
            dz[1] = (z[0] - z[1] / r) / c;
        };
    }

    /**
     * The switching instants inside (from, to) of a PWM whose duty steps at tStep: the first signal's
     * edges before the step, the step itself, the second signal's edges after it.
     */
    static double[] steppedEdges(PwmSignal before, PwmSignal after, double tStep, double from, double to) {
        double[] early = before.switchingTimes(from, Math.min(to, tStep));
        double[] late = after.switchingTimes(Math.max(from, tStep), to);
        boolean step = tStep > from && tStep < to;
        double[] all = new double[early.length + (step ? 1 : 0) + late.length];
        System.arraycopy(early, 0, all, 0, early.length);
        if (step) {
            all[early.length] = tStep;
        }
        System.arraycopy(late, 0, all, all.length - late.length, late.length);
        return all;
    }

    static ArrayVectorField boost(double vin, double d, double l, double c, double r) {
        double off = 1 - d;
        return (t, z, dz) -> {
            dz[0] = (vin - off * z[1]) / l;
            dz[1] = (off * z[0] - z[1] / r) / c;
        };
    }
}
