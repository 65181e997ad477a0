package org.neuralode4j.ode;

import java.util.Arrays;

/**
 * What the reverse sweep of an explicit Runge–Kutta solve ({@link RungeKuttaAdjoint}) needs, kept
 * while the solve runs without a tape: every evaluation of f that the accepted steps used (its
 * time, its input state and the intermediates the field saves for its VJP,
 * {@link ArrayVjpField#evaluateSaving}), every accepted step (t, h, which evaluation gave each stage,
 * which one gave f(t + h, y1)), and which step produced each output (landed on its end or
 * interpolated inside it).
 *
 * <p>An attempt's stage evaluations are pending until the step is accepted; a rejected attempt's
 * are overwritten by the next. An evaluation at a step's start (k_0 = f(t, y)) is kept at once:
 * it stays valid whatever happens to the attempt. Evaluations are stored in blocks of about
 * {@value #BLOCK_DOUBLES} doubles, added as the solve goes (nothing is copied when it grows), and
 * the blocks are kept when the record is reused for another solve ({@link #reset}), so a training
 * loop that reuses one record allocates nothing per iteration; {@link #trim} bounds what a record
 * keeps between solves. Memory is linear in the number of evaluations, i.e. in the number of steps,
 * like the tape it replaces.
 */
final class RungeKuttaRecord {
    /** The target size of one block of evaluations. */
    static final int BLOCK_DOUBLES = 1 << 15;

    private int n;
    private int savedSize;
    private int recordSize;
    private int stages;

    private double[] evalTime = new double[0];
    /** Evaluations per block. */
    private int perBlock;
    /** Per evaluation, in block e / perBlock: the input state (n) then the field's saved intermediates (savedSize). */
    private double[][] blocks = new double[0][];
    private int evaluations;
    private int committed;

    private double[] stepT = new double[0];
    private double[] stepH = new double[0];
    /** Per step, per stage: the evaluation that gave k_i (k_0: −1 when taken over from the step before). */
    private int[] stageEval = new int[0];
    /** Per step: the evaluation that gave f(t + h, y1) within the step (an FSAL stage or f1), or −1. */
    private int[] endEval = new int[0];
    private int steps;

    /** Per output: the step that produced it (−1 for the initial state) and whether it is the step's end. */
    private int[] outputStep = new int[0];
    private boolean[] outputLanded = new boolean[0];

    private ArrayVjpField field;
    /** Where {@link #evaluateUnkept} lets the field save what is then dropped. */
    private double[] probeScratch = new double[0];

    /**
     * Prepares the record for a solve, keeping the arrays grown by earlier ones.
     *
     * @param field the vector field
     * @param n the state's number of elements
     * @param savedSize doubles the field saves per evaluation (0: it saves nothing)
     * @param stages the method's number of stages
     * @param outputs the number of output times (the first is the initial state)
     */
    void reset(ArrayVjpField field, int n, int savedSize, int stages, int outputs) {
        this.field = field;
        this.n = n;
        this.savedSize = savedSize;
        int size = n + savedSize;
        if (size != recordSize) {
            blocks = new double[0][];
        }
        this.recordSize = size;
        this.perBlock = Math.max(1, BLOCK_DOUBLES / size);
        this.stages = stages;
        evaluations = 0;
        committed = 0;
        steps = 0;
        if (outputStep.length < outputs) {
            outputStep = new int[outputs];
            outputLanded = new boolean[outputs];
        }
        Arrays.fill(outputStep, 0, outputs, -1);
        Arrays.fill(outputLanded, 0, outputs, false);
    }

    /**
     * Evaluates f(t, z) into {@code out}, keeping t, z and the field's saved intermediates; the
     * evaluation is pending until {@link #commit} or {@link #acceptStep}.
     *
     * @return the evaluation's index
     */
    int evaluate(FieldEvaluator fe, double t, double[] z, double[] out) {
        int e = evaluations;
        if (e == evalTime.length) {
            evalTime = Arrays.copyOf(evalTime, Math.max(16, 2 * e));
        }
        int block = e / perBlock;
        if (block == blocks.length) {
            blocks = Arrays.copyOf(blocks, block + 1);
        }
        if (blocks[block] == null) {
            blocks[block] = new double[perBlock * recordSize];
        }
        double[] data = blocks[block];
        int off = inputOffset(e);
        System.arraycopy(z, 0, data, off, n);
        evalTime[e] = t;
        if (savedSize > 0) {
            fe.evaluateSaving(field, t, z, out, data, off + n);
        } else {
            fe.evaluate(t, z, out);
        }
        evaluations = e + 1;
        return e;
    }

    /**
     * Evaluates f(t, z) into {@code out} without keeping it (the initial step size's probe), through
     * the same array kernel as {@link #evaluate}, so the probe costs what a kept evaluation does.
     */
    void evaluateUnkept(FieldEvaluator fe, double t, double[] z, double[] out) {
        if (savedSize == 0) {
            fe.evaluate(t, z, out);
            return;
        }
        if (probeScratch.length < savedSize) {
            probeScratch = new double[savedSize];
        }
        fe.evaluateSaving(field, t, z, out, probeScratch, 0);
    }

    /** Keeps every evaluation made so far (a step's k_0, valid whatever its attempt's fate). */
    void commit() {
        committed = evaluations;
    }

    /** Drops the evaluations of a rejected attempt. */
    void discardPending() {
        evaluations = committed;
    }

    /**
     * Records an accepted step and keeps its evaluations.
     *
     * @param stageEvaluations per stage, the evaluation that gave it (k_0: −1 when taken over)
     * @param endEvaluation the evaluation that gave f(t + h, y1) within this step, or −1
     */
    void acceptStep(double t, double h, int[] stageEvaluations, int endEvaluation) {
        if (steps == stepT.length) {
            int grown = Math.max(16, 2 * steps);
            stepT = Arrays.copyOf(stepT, grown);
            stepH = Arrays.copyOf(stepH, grown);
            endEval = Arrays.copyOf(endEval, grown);
            stageEval = Arrays.copyOf(stageEval, grown * stages);
        } else if ((steps + 1) * stages > stageEval.length) {
            stageEval = Arrays.copyOf(stageEval, stepT.length * stages);
        }
        stepT[steps] = t;
        stepH[steps] = h;
        endEval[steps] = endEvaluation;
        System.arraycopy(stageEvaluations, 0, stageEval, steps * stages, stages);
        steps++;
        committed = evaluations;
    }

    /** Output {@code index} comes from the step being completed: its end when {@code landed}, else its interpolant. */
    void output(int index, boolean landed) {
        outputStep[index] = steps;
        outputLanded[index] = landed;
    }

    /** Bytes held for the backward pass. */
    long bytes() {
        return 8L * ((long) committed * (recordSize + 1) + (long) steps * (2 + stages + 1));
    }

    ArrayVjpField field() {
        return field;
    }

    int size() {
        return n;
    }

    int steps() {
        return steps;
    }

    double stepStart(int step) {
        return stepT[step];
    }

    double stepSize(int step) {
        return stepH[step];
    }

    /** The evaluation that gave stage i of the step (−1: k_0 taken over from the step before). */
    int stageEvaluation(int step, int i) {
        return stageEval[step * stages + i];
    }

    /**
     * The evaluation of f(t + h, y1) at the step's end: the step's own FSAL stage or f1, else the next
     * step's k_0; −1 when none was made.
     */
    int endEvaluation(int step) {
        if (endEval[step] >= 0) {
            return endEval[step];
        }
        return step + 1 < steps ? stageEval[(step + 1) * stages] : -1;
    }

    int outputStep(int index) {
        return outputStep[index];
    }

    boolean outputLanded(int index) {
        return outputLanded[index];
    }

    double evaluationTime(int e) {
        return evalTime[e];
    }

    /** The block holding evaluation e: its input state at {@link #inputOffset}, its saved intermediates at {@link #savedOffset}. */
    double[] data(int e) {
        return blocks[e / perBlock];
    }

    int inputOffset(int e) {
        return (e % perBlock) * recordSize;
    }

    int savedOffset(int e) {
        return inputOffset(e) + n;
    }

    /** Drops the blocks beyond {@code maxDoubles} so that a record kept for reuse holds at most that much. */
    void trim(long maxDoubles) {
        int keep = (int) Math.min(blocks.length, maxDoubles / Math.max(1, (long) perBlock * recordSize));
        if (keep < blocks.length) {
            blocks = Arrays.copyOf(blocks, keep);
        }
        field = null;
    }
}
