// The rule registry: one line per rule. Order does not matter; docs sort by category and id.
export { default as livenessProbeMissing } from './health-checks/liveness-probe-missing';
export { default as privilegedContainer } from './security/privileged-container';
export { default as yamlSyntax } from './api-versions/yaml-syntax';
