import { partitionOfRegion } from '../../src/inputs/region.ts'
import type { Scenario } from '../scenario.ts'

/**
 * The step inputs a scenario is run with by default (npm start, the end-to-end tests): its first
 * role, in the partition of its region (a GovCloud scenario gets an `arn:aws-us-gov:` role), and
 * its region.
 */
export function scenarioInputs(scenario: Scenario): Record<string, string> {
  const role = scenario.roles[0]?.name ?? 'claude-code'
  return {
    'role-to-assume': `arn:${partitionOfRegion(scenario.defaultRegion)}:iam::${scenario.account}:role/${role}`,
    'aws-region': scenario.defaultRegion
  }
}
