package org.neuralode4j.ode.tableau;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of the explicit Runge–Kutta methods that ship with the library, by name.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>name</th><th>class</th><th>order</th><th>stages</th><th>FSAL</th><th>dense order</th></tr>
 *   <tr><td>euler</td><td>{@link Euler}</td><td>1</td><td>1</td><td></td><td></td></tr>
 *   <tr><td>midpoint</td><td>{@link Midpoint}</td><td>2</td><td>2</td><td></td><td></td></tr>
 *   <tr><td>heun2</td><td>{@link Heun2}</td><td>2</td><td>2</td><td></td><td></td></tr>
 *   <tr><td>heun3</td><td>{@link Heun3}</td><td>3</td><td>3</td><td></td><td></td></tr>
 *   <tr><td>ralston3</td><td>{@link Ralston3}</td><td>3</td><td>3</td><td></td><td></td></tr>
 *   <tr><td>rk4</td><td>{@link Rk4}</td><td>4</td><td>4</td><td></td><td>3</td></tr>
 *   <tr><td>rk38</td><td>{@link Rk38}</td><td>4</td><td>4</td><td></td><td></td></tr>
 *   <tr><td>heun-euler</td><td>{@link HeunEuler}</td><td>2(1)</td><td>2</td><td></td><td></td></tr>
 *   <tr><td>bosh3</td><td>{@link Bosh3}</td><td>3(2)</td><td>4</td><td>yes</td><td>3</td></tr>
 *   <tr><td>cashkarp</td><td>{@link CashKarp}</td><td>5(4)</td><td>6</td><td></td><td></td></tr>
 *   <tr><td>dopri5</td><td>{@link Dopri5}</td><td>5(4)</td><td>7</td><td>yes</td><td>4</td></tr>
 *   <tr><td>dopri5-shampine</td><td>{@link Dopri5#SHAMPINE_ESTIMATE}</td><td>5(4)</td><td>7</td><td>yes</td><td>4</td></tr>
 *   <tr><td>tsit5</td><td>{@link Tsit5}</td><td>5(4)</td><td>7</td><td>yes</td><td>4</td></tr>
 *   <tr><td>dopri8</td><td>{@link Dopri8}</td><td>8(5,3)</td><td>12</td><td></td><td></td></tr>
 * </table>
 */
public final class ExplicitTableaus {

    private static final Map<String, ButcherTableau> BY_NAME = register(
            Euler.TABLEAU, Midpoint.TABLEAU, Heun2.TABLEAU, Heun3.TABLEAU, Ralston3.TABLEAU,
            Rk4.TABLEAU, Rk38.TABLEAU, HeunEuler.TABLEAU, Bosh3.TABLEAU, CashKarp.TABLEAU, Dopri5.TABLEAU,
            Dopri5.SHAMPINE_ESTIMATE, Tsit5.TABLEAU, Dopri8.TABLEAU);

    private static final List<String> NAMES = List.copyOf(BY_NAME.keySet());

    private ExplicitTableaus() {
    }

    /**
     * Looks a method up by name; case and surrounding white space are ignored.
     *
     * @param name one of {@link #names()}, e.g. {@code "dopri5"}
     * @return the method's tableau (a shared immutable instance)
     * @throws IllegalArgumentException if the name is null or unknown; the message lists the valid
     *     names
     */
    public static ButcherTableau byName(String name) {
        ButcherTableau tableau = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (tableau == null) {
            throw new IllegalArgumentException("unknown explicit Runge-Kutta method '" + name
                    + "'; valid names: " + String.join(", ", NAMES));
        }
        return tableau;
    }

    /**
     * The names of all registered methods, lowest order first.
     *
     * @return an unmodifiable list
     */
    public static List<String> names() {
        return NAMES;
    }

    private static Map<String, ButcherTableau> register(ButcherTableau... tableaus) {
        Map<String, ButcherTableau> map = new LinkedHashMap<>();
        for (ButcherTableau t : tableaus) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalStateException("duplicate tableau name " + t.name());
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
