package org.neuralode4j.ode;

import java.util.Arrays;

/**
 * The accepted steps of one solve, in order: for step k its start t_k, the step size h_k and the end
 * t_{k+1} exactly as the integration loop passed them to {@link Stepper#attempt} (a step that lands
 * has h_k = t_{k+1} − t_k; others t_{k+1} = t_k + h_k), whether it started just after a jump time
 * (f evaluated just after t_k) and whether it ended on one. These are all a step needs besides its
 * input state to be run again with the same arithmetic: rejected attempts and the controller's
 * history leave no trace in an accepted step. Filled by {@link Integrator}, read by
 * {@link ReplayableSolve}.
 */
final class StepLog {
    /** Bytes one logged step holds (three doubles and two flags). */
    static final long BYTES_PER_STEP = 3 * 8 + 2;

    private double[] start = new double[16];
    private double[] size = new double[16];
    private double[] end = new double[16];
    private boolean[] startsAfterJump = new boolean[16];
    private boolean[] endsAtJump = new boolean[16];
    private int count;

    /** Appends an accepted step. */
    void add(double t, double h, double t1, boolean afterJump, boolean atJump) {
        if (count == start.length) {
            int capacity = 2 * count;
            start = Arrays.copyOf(start, capacity);
            size = Arrays.copyOf(size, capacity);
            end = Arrays.copyOf(end, capacity);
            startsAfterJump = Arrays.copyOf(startsAfterJump, capacity);
            endsAtJump = Arrays.copyOf(endsAtJump, capacity);
        }
        start[count] = t;
        size[count] = h;
        end[count] = t1;
        startsAfterJump[count] = afterJump;
        endsAtJump[count] = atJump;
        count++;
    }

    int count() {
        return count;
    }

    double start(int k) {
        return start[k];
    }

    double size(int k) {
        return size[k];
    }

    double end(int k) {
        return end[k];
    }

    boolean startsAfterJump(int k) {
        return startsAfterJump[k];
    }

    boolean endsAtJump(int k) {
        return endsAtJump[k];
    }
}
