package org.neuralode4j.sensitivity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;

/**
 * Makes an adjoint method's forward solve (which runs without a tape) leave one {@link EventJump}
 * per event that occurs. Handlers are wrapped so that their single call happens on a recorded state
 * and is captured; the events that call no handler (terminal ones, ones without handler) are
 * recorded from the solution's event list once the solve is done. One instance per forward solve.
 */
final class EventRecording {
    private final VectorField f;
    private final List<Event> events;
    private final double timeSpan;
    private final ArrayDeque<EventJump> fromHandlers = new ArrayDeque<>();

    /**
     * @param f the vector field
     * @param events the events as given in the options
     * @param timeSpan |t_end − t_0| of the solve
     */
    EventRecording(VectorField f, List<Event> events, double timeSpan) {
        this.f = f;
        this.events = events;
        this.timeSpan = timeSpan;
    }

    /** Whether the solver calls this event's handler (as it does unless the event is terminal). */
    private static boolean callsHandler(Event e) {
        return !e.terminal() && e.handler() != null;
    }

    /** The options with every handler the solver calls replaced by one that records the event. */
    SolveOptions wrap(SolveOptions options) {
        if (events.isEmpty()) {
            return options;
        }
        SolveOptions.Builder b = options.toBuilder().clearEvents();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (callsHandler(e)) {
                int index = i;
                e = e.withHandler((t, z) -> {
                    EventJump jump = EventJump.record(index, events.get(index), f, t, z, timeSpan);
                    fromHandlers.add(jump);
                    return jump.solverAction();
                });
            }
            b.events(e);
        }
        return b.build();
    }

    /** One jump per event of {@code solution} (solved with {@link #wrap}'s options), in order. */
    List<EventJump> jumps(Solution solution) {
        List<EventJump> jumps = new ArrayList<>(solution.events().size());
        for (EventRecord r : solution.events()) {
            Event e = events.get(r.eventIndex());
            EventJump jump = callsHandler(e) ? fromHandlers.poll()
                    : EventJump.record(r.eventIndex(), e, f, r.time(), r.state(), timeSpan);
            if (jump == null || jump.eventIndex() != r.eventIndex() || jump.time() != r.time()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "event %d at t = %.17g has no recorded "
                        + "handler call", r.eventIndex(), r.time()));
            }
            jumps.add(jump);
        }
        return jumps;
    }
}
