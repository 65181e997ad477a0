/**
 * Benchmarks: JMH microbenchmarks of the kernels and comparison mains against peers (torchdiffeq,
 * Hipparchus, PyTorch's torch.mm). They print figures; nothing here asserts a speed.
 * {@link org.neuralode4j.bench.SpiralIterationBenchmark} is the profiling harness for one spiral
 * training iteration; {@link org.neuralode4j.bench.LargeMlpThroughput} measures GFLOP/s of a large
 * MLP field against the machine's peak and PyTorch ({@code bench/scripts/torch_throughput.py}).
 */
package org.neuralode4j.bench;
