//! The node simulation's wording: kubelet events (exact) and explanations.
