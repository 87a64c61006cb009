import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyNetworkError } from './network-errors.ts';
import { EgressBlockedError, ResponseTooLargeError } from './sdk.ts';

const withCode = (code: string, name = 'Error'): Error => Object.assign(new Error(code), { code, name });

describe('classifyNetworkError', () => {
  it('tells a slow, an unreachable, a broken and a babbling upstream apart', () => {
    assert.deepEqual(classifyNetworkError(withCode('UND_ERR_HEADERS_TIMEOUT')), { reason: 'timeout', what: 'no answer in time' });
    assert.deepEqual(classifyNetworkError(new DOMException('x', 'TimeoutError')), { reason: 'timeout', what: 'no answer in time' });
    assert.deepEqual(classifyNetworkError(withCode('ECONNREFUSED')), { reason: 'egress_blocked', what: 'unreachable (ECONNREFUSED)' });
    // Reached, then dropped: the source is at fault, not the network path to it.
    assert.deepEqual(classifyNetworkError(withCode('ECONNRESET')), { reason: 'connector_error', what: 'closed the connection (ECONNRESET)' });
    assert.deepEqual(classifyNetworkError(withCode('UND_ERR_SOCKET', 'SocketError')), { reason: 'connector_error', what: 'closed the connection (UND_ERR_SOCKET)' });
    assert.deepEqual(classifyNetworkError(withCode('HPE_INVALID_CONSTANT', 'HTTPParserError')), { reason: 'connector_error', what: 'answered with a malformed HTTP response' });
    assert.deepEqual(classifyNetworkError(new ResponseTooLargeError(1024)), { reason: 'connector_error', what: 'response body exceeded 1024 bytes' });
    assert.equal(classifyNetworkError(new EgressBlockedError('refused target 10.0.0.1: not a public address'))?.reason, 'egress_blocked');
  });

  it('leaves our own bugs to the caller', () => {
    assert.equal(classifyNetworkError(new TypeError('x is undefined')), null);
    assert.equal(classifyNetworkError('a string'), null);
  });
});
