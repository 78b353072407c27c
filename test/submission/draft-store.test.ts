import { expect } from '@open-wc/testing';
import { clearDraft, loadDraftFile, saveDraftFile } from '../../src/submission/draft-store.js';
import { token } from '../helpers/fixtures.js';

describe('the draft store', () => {
  it("reads a draft's PDF after a write of it that is still under way", async () => {
    // As when a framework mounts the form again just after the reader chose a file: the new form asks for
    // the PDF while the old one is still reading its bytes, before its write has begun.
    const key = `draft-store-${token()}`;
    const file = new File([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(8 * 1024 * 1024)], 'large.pdf', { type: 'application/pdf' });
    try {
      const saving = saveDraftFile(key, file);
      const loaded = await loadDraftFile(key);
      expect(loaded?.name).to.equal('large.pdf');
      expect(loaded?.size).to.equal(file.size);
      expect(await saving).to.equal(true);
    } finally {
      await clearDraft(key);
    }
  });

  it('reads nothing once the PDF is removed, even while the removal is under way', async () => {
    const key = `draft-store-${token()}`;
    try {
      expect(await saveDraftFile(key, new File([new TextEncoder().encode('%PDF-1.7\n')], 'small.pdf'))).to.equal(true);
      const removing = saveDraftFile(key, undefined);
      expect(await loadDraftFile(key)).to.equal(undefined);
      expect(await removing).to.equal(true);
    } finally {
      await clearDraft(key);
    }
  });
});
