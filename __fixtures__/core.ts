// Typed mocks of the parts of @actions/core the action calls, for jest.unstable_mockModule.
import { jest } from '@jest/globals'
import type * as core from '@actions/core'

export const setSecret = jest.fn<typeof core.setSecret>()
export const exportVariable = jest.fn<typeof core.exportVariable>()
export const setOutput = jest.fn<typeof core.setOutput>()
export const setFailed = jest.fn<typeof core.setFailed>()
export const getInput = jest.fn<typeof core.getInput>()
export const info = jest.fn<typeof core.info>()
export const debug = jest.fn<typeof core.debug>()
export const warning = jest.fn<typeof core.warning>()
export const error = jest.fn<typeof core.error>()
