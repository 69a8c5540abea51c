import { startEmulator } from '/work/main/emulator/index.ts'
import { STSClient, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { BedrockClient, ListFoundationModelsCommand, paginateListInferenceProfiles, GetInferenceProfileCommand, GetFoundationModelAvailabilityCommand } from '@aws-sdk/client-bedrock'
import { BedrockRuntimeClient, ConverseCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
const emu = await startEmulator()
const env = emu.runnerEnv()
const r = await fetch(env.ACTIONS_ID_TOKEN_REQUEST_URL + '&audience=sts.amazonaws.com', { headers: { authorization: 'Bearer ' + env.ACTIONS_ID_TOKEN_REQUEST_TOKEN } })
const { value } = await r.json()
const sts = new STSClient({ region: 'us-east-1', endpoint: emu.url })
const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::123456789012:role/claude-code', RoleSessionName: 'gh-1', WebIdentityToken: value }))
console.log(out.AssumedRoleUser, out.Credentials.Expiration, out.Provider, out.Audience, out.SubjectFromWebIdentityToken)
const credentials = { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken }
const sts2 = new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials })
console.log(await sts2.send(new GetCallerIdentityCommand({})))
const br = new BedrockClient({ region: 'us-east-1', endpoint: emu.url, credentials })
const lm = await br.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }))
console.log(lm.modelSummaries.length, lm.modelSummaries[0])
let n = 0, pages = 0
for await (const page of paginateListInferenceProfiles({ client: br }, { typeEquals: 'SYSTEM_DEFINED' })) { pages++; n += page.inferenceProfileSummaries.length }
console.log('profiles', n, 'pages', pages)
const p = await br.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9p2q7w1ab' }))
console.log(p)
console.log(await br.send(new GetFoundationModelAvailabilityCommand({ modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' })))
const rt = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: emu.url, credentials })
const c = await rt.send(new ConverseCommand({ modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 1 } }))
console.log(JSON.stringify(c.output), c.stopReason, c.usage)
const s = await rt.send(new InvokeModelWithResponseStreamCommand({ modelId: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-opus-4-6-v1', body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }) }))
let text = ''
for await (const ev of s.body) { const e = JSON.parse(Buffer.from(ev.chunk.bytes).toString()); if (e.type === 'content_block_delta') text += e.delta.text }
console.log('stream:', text)
for (const [id, m] of [['anthropic.claude-sonnet-4-5-20250929-v1:0'], ['anthropic.claude-3-haiku-20240307-v1:0'], ['nope']]) {
  try { const c = await rt.send(new ConverseCommand({ modelId: id, messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 1 } })); console.log(id, 'OK', c.stopReason) } catch (e) { console.log(id, e.name, e.message) }
}
console.log(emu.requests.map(r => `${r.httpVersion} ${r.service} ${r.operation} ${r.status} ${r.region} ${r.errorCode ?? ''}`).join('\n'))
await emu.close()
