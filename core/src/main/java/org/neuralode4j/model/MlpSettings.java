package org.neuralode4j.model;

import java.util.Objects;
import org.neuralode4j.nn.Activation;

/**
 * The settings of an {@link MlpField}'s network apart from its state width, in the one place that
 * gives their defaults and checks: the exogenous input channels U (default 0), whether t is an
 * input (default not), the hidden widths (default none) and the activation (default tanh).
 * {@link MlpField.Builder} and {@link ModelSpec.Builder} each hold one, and a {@link ModelSpec}
 * hands its copy to the field it builds. Each owner names the widths in its own error messages
 * ("{@code <what> <value> must be >= 0}", "{@code <what> <value> must be at least 1}", see
 * {@link Sizes}).
 */
final class MlpSettings {
    private final String inputWhat;
    private final String hiddenWhat;
    private int inputDim;
    private boolean timeDependent;
    private int[] hidden = new int[0];
    private Activation activation = Activation.TANH;

    /**
     * Settings at their defaults.
     *
     * @param inputWhat how error messages name the input width
     * @param hiddenWhat how error messages name a hidden width
     */
    MlpSettings(String inputWhat, String hiddenWhat) {
        this.inputWhat = inputWhat;
        this.hiddenWhat = hiddenWhat;
    }

    /** A copy with the same values and message names. */
    MlpSettings copy() {
        MlpSettings c = new MlpSettings(inputWhat, hiddenWhat);
        c.copyFrom(this);
        return c;
    }

    /** Takes the values of {@code other} (already checked); this holder's message names stay. */
    void copyFrom(MlpSettings other) {
        inputDim = other.inputDim;
        timeDependent = other.timeDependent;
        hidden = other.hidden.clone();
        activation = other.activation;
    }

    /** Sets the number of input channels, checked to be at least 0. */
    void inputs(int inputDim) {
        this.inputDim = Sizes.nonNegative(inputWhat, inputDim);
    }

    /** Sets whether t is an input of the network. */
    void timeDependent(boolean timeDependent) {
        this.timeDependent = timeDependent;
    }

    /** Sets the hidden widths, input side first, each checked to be at least 1 (copied). */
    void hidden(int[] widths) {
        this.hidden = Sizes.allAtLeastOne(hiddenWhat, widths);
    }

    /** Sets the nonlinearity between layers (not null). */
    void activation(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** The number of input channels U. */
    int inputDim() {
        return inputDim;
    }

    /** Whether t is an input of the network. */
    boolean timeDependent() {
        return timeDependent;
    }

    /** A copy of the hidden widths. */
    int[] hidden() {
        return hidden.clone();
    }

    /** The nonlinearity between layers. */
    Activation activation() {
        return activation;
    }
}
