package org.neuralode4j.ode;

import java.util.Objects;
import org.neuralode4j.tensor.Tensor;

/** What the solver does after an event: continue, stop, or jump to a new state and continue. */
public final class EventAction {
    /** The kinds of action. */
    public enum Kind {
        /** Continue integrating; the state is unchanged. */
        CONTINUE,
        /** Stop the solve at the event time. */
        STOP,
        /** Replace the state and continue (a jump); the vector field is evaluated afresh. */
        RESET_STATE
    }

    private static final EventAction CONTINUE = new EventAction(Kind.CONTINUE, null);
    private static final EventAction STOP = new EventAction(Kind.STOP, null);

    private final Kind kind;
    private final Tensor state;

    private EventAction(Kind kind, Tensor state) {
        this.kind = kind;
        this.state = state;
    }

    /** @return continue with the state unchanged */
    public static EventAction proceed() {
        return CONTINUE;
    }

    /** @return stop the solve at the event */
    public static EventAction stop() {
        return STOP;
    }

    /**
     * Jump to {@code newState} and continue.
     *
     * @param newState the state after the event, of the state's shape; not modified
     * @return the action
     */
    public static EventAction resetState(Tensor newState) {
        return new EventAction(Kind.RESET_STATE, Objects.requireNonNull(newState, "newState"));
    }

    /** @return the kind of action */
    public Kind kind() {
        return kind;
    }

    /** @return the new state of a {@link Kind#RESET_STATE} action, else null */
    public Tensor state() {
        return state;
    }
}
