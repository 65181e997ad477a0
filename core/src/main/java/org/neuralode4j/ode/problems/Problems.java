package org.neuralode4j.ode.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of reference problems, by name.
 *
 * <table>
 *   <caption>Problems</caption>
 *   <tr><th>name</th><th>states</th><th>parameters</th><th>source</th></tr>
 *   <tr><td>exp-decay</td><td>y</td><td>k</td><td>DETEST A1 (Hull et al. 1972)</td></tr>
 *   <tr><td>lotka-volterra</td><td>x, y</td><td>alpha, beta, gamma, delta</td><td>Lotka 1925, Volterra 1926</td></tr>
 *   <tr><td>van-der-pol</td><td>x, v</td><td>mu</td><td>van der Pol 1926; Hairer–Wanner VDPOL</td></tr>
 *   <tr><td>lorenz</td><td>x, y, z</td><td>sigma, rho, beta</td><td>Lorenz 1963</td></tr>
 *   <tr><td>spiral</td><td>x, y</td><td></td><td>torchdiffeq ode_demo (Chen et al. 2018)</td></tr>
 *   <tr><td>pendulum</td><td>theta, omega</td><td>g, length, damping</td><td>Strogatz 2015</td></tr>
 *   <tr><td>harmonic</td><td>x, v</td><td>omega</td><td>REFERENCE.md</td></tr>
 *   <tr><td>bouncing-ball</td><td>h, v</td><td>g, r, e</td><td>Shampine &amp; Thompson 2000</td></tr>
 *   <tr><td>buck</td><td>iL, vC</td><td>Vin, d, L, C, R, d_step, t_step</td><td>Middlebrook &amp; Ćuk 1976</td></tr>
 *   <tr><td>buck-switched</td><td>iL, vC</td><td>Vin, d, L, C, R, fs</td><td>Erickson &amp; Maksimović</td></tr>
 *   <tr><td>boost</td><td>iL, vC</td><td>Vin, d, L, C, R</td><td>Middlebrook &amp; Ćuk 1976</td></tr>
 *   <tr><td>robertson</td><td>y1, y2, y3</td><td>k1, k2, k3</td><td>Robertson 1966; Hairer–Wanner ROBER</td></tr>
 *   <tr><td>buck-parasitic</td><td>iL, vC, vS</td><td></td><td>{@link StiffProblems#buckParasitic()}</td></tr>
 * </table>
 */
public final class Problems {
    private static final Map<String, Problem> BY_NAME = register(
            ExpDecay.PROBLEM, LotkaVolterra.PROBLEM, VanDerPol.PROBLEM, Lorenz.PROBLEM, Spiral.PROBLEM, Pendulum.PROBLEM,
            Harmonic.PROBLEM, BouncingBall.PROBLEM, Converters.BUCK, Converters.BUCK_SWITCHED, Converters.BOOST,
            Robertson.PROBLEM, BuckParasitic.PROBLEM);

    private static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private Problems() {
    }

    /**
     * Looks a problem up by name; case and surrounding white space are ignored.
     *
     * @param name one of {@link #names()}, e.g. {@code "lotka-volterra"}
     * @return the problem
     * @throws IllegalArgumentException if the name is null or unknown; the message lists the valid
     *     names
     */
    public static Problem byName(String name) {
        Problem p = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown system '" + name + "'; valid names: " + String.join(", ", NAMES));
        }
        return p;
    }

    /** @return the registered names, in registration order (unmodifiable) */
    public static List<String> names() {
        return NAMES;
    }

    /** @return every registered problem, in registration order (unmodifiable) */
    public static List<Problem> all() {
        return List.copyOf(BY_NAME.values());
    }

    private static Map<String, Problem> register(Problem... problems) {
        Map<String, Problem> map = new LinkedHashMap<>();
        for (Problem p : problems) {
            if (map.put(p.name(), p) != null) {
                throw new IllegalStateException("duplicate problem name " + p.name());
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
