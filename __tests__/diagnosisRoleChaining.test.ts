import { describe, expect, it } from '@jest/globals'
import { diagnoseAwsError } from '../src/diagnosis/diagnose.js'
import { principalForTrust } from '../src/diagnosis/roleChainingErrors.js'
import { tokenTrustStatement } from '../src/diagnosis/tokenFileErrors.js'
import type { DiagnosisContext } from '../src/diagnosis/types.js'

/** An error shaped as the SDK throws STS's awsQuery errors. */
function stsError(code: string, message: string, status = 403): Error {
  return Object.assign(new Error(message), {
    name: code,
    Code: code,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1' }
  })
}

const ROLE = 'arn:aws:iam::123456789012:role/claude-code'
const chaining: DiagnosisContext = {
  operation: 'AssumeRole',
  region: 'us-east-1',
  partition: 'aws',
  roleArn: ROLE,
  durationSeconds: 3600,
  externalIdGiven: false,
  runnerLabel: 'the EC2 instance metadata service (the instance role)'
}
const DENIED = `User: arn:aws:sts::111122223333:assumed-role/gha-runner/i-0abc is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`

describe('role chaining failures, from the wire codes and messages STS sends', () => {
  it('AccessDenied names the runner, the role and the three causes, with both statements', () => {
    const d = diagnoseAwsError(stsError('AccessDenied', DENIED), chaining)
    expect(d.cause).toContain('arn:aws:sts::111122223333:assumed-role/gha-runner/i-0abc')
    expect(d.cause).toContain('no external id was sent')
    expect(d.fix).toContain('"AWS": "arn:aws:iam::111122223333:role/gha-runner"')
    expect(d.fix).toContain(`"Resource": "${ROLE}"`)
    expect(d.fix).toContain('aws iam get-role --role-name claude-code')
    expect(d.transient).toBe(false)
    expect(d.awsError?.code).toBe('AccessDenied')
  })

  it('with an external id sent, the trust condition on sts:ExternalId is shown', () => {
    const d = diagnoseAwsError(stsError('AccessDenied', DENIED), {
      ...chaining,
      externalIdGiven: true
    })
    expect(d.cause).toContain('`role-external-id` was sent')
    expect(d.fix).toContain('"sts:ExternalId"')
  })

  it("STS's one-hour ValidationError is explained with the limit and the fix", () => {
    const d = diagnoseAwsError(
      stsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        400
      ),
      { ...chaining, durationSeconds: 7200 }
    )
    expect(d.cause).toContain('3600 s')
    expect(d.cause).toContain('7200')
    expect(d.fix).toContain('role-duration-seconds')
    expect(d.fix).toContain('MaxSessionDuration does not lift')
  })

  it('the role maximum (not chaining) keeps its own diagnosis', () => {
    const d = diagnoseAwsError(
      stsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        400
      ),
      { ...chaining, durationSeconds: 7200 }
    )
    expect(d.cause).toContain('exceeds the MaxSessionDuration')
  })

  it("expired runner credentials are the runner's, not the role's", () => {
    const d = diagnoseAwsError(
      stsError('ExpiredToken', 'The security token included in the request is expired', 400),
      chaining
    )
    expect(d.cause).toContain("runner's own credentials")
    expect(d.cause).toContain('instance metadata')
  })

  it('a session ARN stands for its role in a trust policy; users stay as they are', () => {
    expect(principalForTrust('arn:aws-us-gov:sts::111122223333:assumed-role/r/s')).toEqual({
      arn: 'arn:aws-us-gov:iam::111122223333:role/r',
      roleName: 'r'
    })
    expect(principalForTrust('arn:aws:iam::111122223333:user/u')).toEqual({
      arn: 'arn:aws:iam::111122223333:user/u'
    })
  })
})

describe('web-identity-token-file failures read the token of the file', () => {
  const file: DiagnosisContext = {
    operation: 'AssumeRoleWithWebIdentity',
    region: 'us-east-1',
    partition: 'aws',
    roleArn: ROLE,
    tokenSource: 'file',
    claims: {
      iss: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      sub: 'system:serviceaccount:ci:runner',
      aud: 'sts.amazonaws.com',
      exp: 1_700_000_000
    }
  }

  it("trust mismatch: a statement on the issuer host keys, never GitHub's", () => {
    const d = diagnoseAwsError(
      stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'),
      file
    )
    expect(d.cause).toContain('iss=`https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`')
    expect(d.fix).toContain(
      '"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:ci:runner"'
    )
    expect(d.fix).not.toContain('token.actions.githubusercontent.com')
    expect(tokenTrustStatement(file)).toMatchObject({
      Principal: {
        Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC'
      }
    })
  })

  it('expired: names the exp of the token and the rotation, not a retry', () => {
    const d = diagnoseAwsError(
      stsError(
        'ExpiredTokenException',
        'Token expired: current date/time 1700000100 must be before the expiration date/time1700000000',
        400
      ),
      file
    )
    expect(d.cause).toContain('2023-11-14T22:13:20.000Z')
    expect(d.transient).toBe(false)
  })

  it('another audience and a missing provider name the issuer of the file', () => {
    const audience = diagnoseAwsError(
      stsError('InvalidIdentityToken', 'Incorrect token audience', 400),
      {
        ...file,
        claims: { ...file.claims, aud: 'arc' }
      }
    )
    expect(audience.cause).toContain('audience `arc`')
    expect(audience.fix).toContain('--client-id arc')
    const provider = diagnoseAwsError(
      stsError(
        'InvalidIdentityToken',
        'No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC',
        400
      ),
      file
    )
    expect(provider.fix).toContain(
      'create-open-id-connect-provider --url https://oidc.eks.eu-west-1.amazonaws.com/id/ABC'
    )
  })
})

describe('a GitHub Enterprise Server token names its own issuer, not github.com', () => {
  const ghes: DiagnosisContext = {
    operation: 'AssumeRoleWithWebIdentity',
    region: 'us-east-1',
    partition: 'aws',
    roleArn: ROLE,
    tokenSource: 'github',
    audience: 'sts.amazonaws.com',
    claims: {
      iss: 'https://ghes.example.com/_services/token',
      sub: 'repo:platform/app:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      repository: 'platform/app'
    }
  }

  it('trust mismatch: provider and condition keys of the GHES issuer', () => {
    const d = diagnoseAwsError(
      stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'),
      ghes
    )
    expect(d.cause).toContain(
      "the job's OIDC token (issuer https://ghes.example.com/_services/token)"
    )
    expect(d.fix).toContain('oidc-provider/ghes.example.com/_services/token"')
    expect(d.fix).toContain(
      '"ghes.example.com/_services/token:sub": "repo:platform/app:ref:refs/heads/main"'
    )
    expect(d.fix).not.toContain('token.actions.githubusercontent.com')
  })

  it("github.com's own tokens keep the GitHub diagnosis", () => {
    const d = diagnoseAwsError(
      stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'),
      {
        ...ghes,
        claims: { ...ghes.claims, iss: 'https://token.actions.githubusercontent.com' }
      }
    )
    expect(d.fix).toContain('token.actions.githubusercontent.com:sub')
  })
})
