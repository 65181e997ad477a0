/**
 * PNG pictures with XChart, headless: trajectories against data, phase portraits, quiver plots of
 * learned vector fields and loss curves ({@link org.neuralode4j.cli.plot.Charts}).
 */
package org.neuralode4j.cli.plot;
