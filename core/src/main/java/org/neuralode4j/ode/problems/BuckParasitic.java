package org.neuralode4j.ode.problems;

/**
 * The registry entry for {@link StiffProblems#buckParasitic()}: the averaged buck converter with
 * inductor resistance, capacitor ESR, switch resistance and a fast RC snubber (state iL, vC, vS;
 * eigenvalues −1198 ± 9948j and −2.1e8 s⁻¹, a stiffness ratio of 1.8e5). Fixed component values;
 * the equations and their sources are documented on {@link StiffProblems}.
 */
final class BuckParasitic {
    static final Problem PROBLEM = Problem.builder("buck-parasitic")
            .description("averaged buck converter with parasitics (inductor R, capacitor ESR, switch R) and an RC "
                    + "snubber: stiffness ratio 1.8e5; needs a stiff method (rodas5p, kvaerno5)")
            .reference("REFERENCE.md buck converter plus parasitics; see StiffProblems.buckParasitic")
            .states("iL", "vC", "vS").y0(StiffProblems.BUCK_Y0).span(0, StiffProblems.BUCK_T_END)
            .factory(p -> Dynamics.of(StiffProblems.buckParasitic()))
            .build();

    private BuckParasitic() {
    }
}
