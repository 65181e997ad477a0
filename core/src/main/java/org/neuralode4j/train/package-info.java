/**
 * Training: {@link org.neuralode4j.train.Trainer} runs the loop (loss, backward pass, clipping,
 * optimizer, schedule, validation, early stopping, listeners) with seeded determinism and atomic
 * {@link org.neuralode4j.train.TrainingCheckpoint checkpoints} from which a run resumes bit for bit;
 * {@link org.neuralode4j.train.TrajectoryLoss} is torchdiffeq's ode_demo loss over any dataset, and
 * {@link org.neuralode4j.train.SpiralBenchmark} the spiral benchmark of REFERENCE.md.
 */
package org.neuralode4j.train;
