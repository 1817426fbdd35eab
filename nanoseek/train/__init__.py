"""Training: pretraining, SFT, RL, distillation, optimizers, throughput accounting."""
