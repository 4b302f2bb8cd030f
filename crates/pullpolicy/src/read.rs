//! Reading input the way `kubectl apply` and the API server do, stage by stage
//! (issue #15): cutting the stream, go-yaml v2 per chunk, YAML → JSON.
