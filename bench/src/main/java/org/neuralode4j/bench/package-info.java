/**
 * Benchmarks: JMH microbenchmarks of the kernels and comparison mains against peers (torchdiffeq,
 * Hipparchus). They print figures; nothing here asserts a speed.
 */
package org.neuralode4j.bench;
