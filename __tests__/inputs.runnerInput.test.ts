import * as core from '@actions/core'
import { runnerInput } from '../src/inputs/runnerInput.js'

describe('runnerInput', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
  })

  // The runner's convention, as @actions/core reads it: the two must agree on every name and value.
  it.each<[string, string | undefined]>([
    ['role-to-assume', 'arn:aws:iam::123456789012:role/ci'],
    ['aws-region', '  us-east-1\n'],
    ['small fast model', 'haiku'],
    ['Model', 'sonnet'],
    ['bedrock-api-key', undefined],
    ['verify', '   ']
  ])('reads %s as @actions/core does', (name, value) => {
    const variable = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
    if (value !== undefined) process.env[variable] = value
    expect(runnerInput(process.env)(name)).toBe(core.getInput(name))
  })

  it('reads from the environment it is given, not the process one', () => {
    const read = runnerInput({ 'INPUT_AWS-REGION': ' eu-west-1 ' })
    expect(read('aws-region')).toBe('eu-west-1')
    expect(read('model')).toBe('')
  })
})
