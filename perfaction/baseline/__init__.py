"""Baselines kept on a git branch: the store interface, its backends, the policy, promotion and selection."""
