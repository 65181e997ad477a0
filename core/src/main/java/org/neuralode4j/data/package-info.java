/**
 * Time-series data for fitting ODE models: {@link org.neuralode4j.data.Trajectory} (irregular sample
 * times, states, optional exogenous inputs), {@link org.neuralode4j.data.TimeSeriesDataset} (many
 * trajectories, splits by trajectory or by time), {@link org.neuralode4j.data.Standardization}
 * (per-channel, stored with the model), and batching: ode_demo-style windows
 * ({@link org.neuralode4j.data.WindowSampler}) or whole trajectories, each row on its own time grid
 * ({@link org.neuralode4j.data.Batch}).
 *
 * <p>Bad data fails early with a {@link org.neuralode4j.data.DataException} naming the trajectory and
 * sample index.
 */
package org.neuralode4j.data;
