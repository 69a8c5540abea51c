// Bedrock GetModelInvocationLoggingConfiguration (restJson GET /logging/modelinvocations): `{}`
// when logging is off (Bedrock's default), else where the records go.
import { partitionOf } from './catalogue.ts'
import type { AwsError } from './errors.ts'
import { loggingOf } from './invocationLog.ts'
import { denied, type ObservabilityCall } from './observabilityCall.ts'
import { jsonReply, type Reply } from './reply.ts'

export function handleLoggingConfiguration(call: ObservabilityCall): Reply | AwsError {
  const refused = denied(call, 'bedrock:GetModelInvocationLoggingConfiguration')
  if (refused) return { ...refused, status: 403 }
  const logging = loggingOf(call.scenario)
  if (!logging.enabled) return jsonReply(200, {})
  return jsonReply(200, {
    loggingConfig: {
      ...(logging.logGroupName !== undefined
        ? {
            cloudWatchConfig: {
              logGroupName: logging.logGroupName,
              roleArn: `arn:${partitionOf(call.region)}:iam::${call.scenario.account}:role/bedrock-invocation-logging`
            }
          }
        : {
            s3Config: {
              bucketName: `bedrock-invocation-logs-${call.scenario.account}`,
              keyPrefix: ''
            }
          }),
      textDataDeliveryEnabled: true,
      imageDataDeliveryEnabled: false,
      embeddingDataDeliveryEnabled: false
    }
  })
}
