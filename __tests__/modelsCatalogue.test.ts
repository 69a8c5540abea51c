import { describe, expect, it } from '@jest/globals'
import {
  BedrockClient,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand
} from '@aws-sdk/client-bedrock'
import { mockClient } from 'aws-sdk-client-mock'
import { awsError } from '../__fixtures__/catalogueClients.js'
import { applicationProfile, usEast1 } from '../__fixtures__/catalogues.js'
import {
  CatalogueLoadError,
  loadApplicationProfile,
  loadCatalogue,
  withProfile
} from '../src/models/catalogue.js'

function mocked() {
  const client = new BedrockClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' }
  })
  return { client, mock: mockClient(client) }
}

describe('loadCatalogue', () => {
  it('returns the Anthropic models and every page of system profiles', async () => {
    const { client, mock } = mocked()
    const [first, ...rest] = usEast1.profiles
    mock.on(ListFoundationModelsCommand).resolves({ modelSummaries: [...usEast1.foundationModels] })
    // The paginator reuses its input object, so record each token when the call is made.
    const tokens: (string | undefined)[] = []
    const pages = {
      start: { inferenceProfileSummaries: first ? [first] : [], nextToken: 't1' },
      t1: { inferenceProfileSummaries: rest, nextToken: 't2' },
      t2: { inferenceProfileSummaries: [] }
    }
    mock.on(ListInferenceProfilesCommand).callsFake((input: { nextToken?: 't1' | 't2' }) => {
      tokens.push(input.nextToken)
      return pages[input.nextToken ?? 'start']
    })
    const catalogue = await loadCatalogue(client, 'us-east-1')
    expect(catalogue).toEqual({
      region: 'us-east-1',
      foundationModels: usEast1.foundationModels,
      profiles: usEast1.profiles
    })
    expect(tokens).toEqual([undefined, 't1', 't2'])
  })

  it('treats missing lists as empty', async () => {
    const { client, mock } = mocked()
    mock.on(ListFoundationModelsCommand).resolves({})
    mock.on(ListInferenceProfilesCommand).resolves({})
    expect(await loadCatalogue(client, 'us-east-1')).toEqual({
      region: 'us-east-1',
      foundationModels: [],
      profiles: []
    })
  })

  it.each([
    ['ListFoundationModels', true],
    ['ListInferenceProfiles', false]
  ] as const)(
    'a failed %s is named, with the SDK error as cause',
    async (operation, modelsFail) => {
      const { client, mock } = mocked()
      const error = awsError('AccessDeniedException', 403, 'not authorized')
      if (modelsFail) {
        mock.on(ListFoundationModelsCommand).rejects(error)
        mock.on(ListInferenceProfilesCommand).resolves({})
      } else {
        mock.on(ListFoundationModelsCommand).resolves({})
        mock.on(ListInferenceProfilesCommand).rejects(error)
      }
      const failure = await loadCatalogue(client, 'us-east-1').catch((thrown: unknown) => thrown)
      expect(failure).toBeInstanceOf(CatalogueLoadError)
      expect(failure).toMatchObject({ operation, cause: error })
    }
  )
})

describe('application profiles', () => {
  const app = applicationProfile('us-east-1', 'abc', [
    'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6'
  ])

  it('fetches one by ARN and drops the response metadata', async () => {
    const { client, mock } = mocked()
    mock.on(GetInferenceProfileCommand).resolves(app)
    const profile = await loadApplicationProfile(client, app.inferenceProfileArn ?? '')
    expect(profile).toEqual(app)
    expect(mock.commandCalls(GetInferenceProfileCommand)[0]?.args[0].input).toEqual({
      inferenceProfileIdentifier: app.inferenceProfileArn
    })
  })

  it('a failed GetInferenceProfile is named', async () => {
    const { client, mock } = mocked()
    mock
      .on(GetInferenceProfileCommand)
      .rejects(awsError('ResourceNotFoundException', 404, 'Inference profile not found'))
    await expect(loadApplicationProfile(client, 'arn:x')).rejects.toMatchObject({
      operation: 'GetInferenceProfile'
    })
  })

  it('withProfile adds without touching the original', () => {
    const extended = withProfile(usEast1, app)
    expect(extended.profiles).toHaveLength(usEast1.profiles.length + 1)
    expect(extended.profiles.at(-1)).toBe(app)
    expect(usEast1.profiles).not.toContain(app)
  })
})
