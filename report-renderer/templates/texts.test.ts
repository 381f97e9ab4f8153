import { describe, expect, it } from 'vitest';
import * as contract from '../../worker-pool/metrics/level0/texts.js';
import { ESTIMATED_THRESHOLD_NOTICE_START, NO_RESOLUTION_NOTICE, RESOLUTION_SENTENCE_START } from './texts.js';

describe('report texts', () => {
  it('are the sentences the summary makes', () => {
    expect(NO_RESOLUTION_NOTICE).toBe(contract.NO_RESOLUTION_NOTICE);
    expect(RESOLUTION_SENTENCE_START).toBe(contract.RESOLUTION_SENTENCE_START);
    expect(ESTIMATED_THRESHOLD_NOTICE_START).toBe(contract.ESTIMATED_THRESHOLD_NOTICE_START);
  });
});
