import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR } from '../paths.js';
import { parseEmdbHeader } from './emdb-header.js';

describe('parseEmdbHeader', () => {
  it('reads the real v1.9 header of EMD-1997 (values as in the file and the data README)', () => {
    const h = parseEmdbHeader(readFileSync(join(REAL_MAPS_DIR, 'emd_1997_header.xml'), 'utf8'));
    expect(h).toEqual({
      id: 'EMD-1997',
      title: 'ATP-triggered molecular mechanics of the chaperonin GroEL',
      authors: ['Clare DK', 'Vasishtan D', 'Stagg S', 'Quispe J', 'Farr GW', 'Topf M', 'Horwich AL', 'Saibil HR'],
      depositionDate: '2011-12-01',
      method: 'singleParticle',
      reportedResolution: 7,
      resolutionMethod: 'FSC 0.5',
      contourLevel: 1,
      contourSource: 'AUTHOR',
      pixelSize: { x: 2.02, y: 2.02, z: 2.02 },
      fittedPdbIds: ['1OEL'],
      molecularMass: 800_000, // sample/molWtTheo 0.8 MDa (the tetradecamer, not the 0.056 MDa component)
      schema: 'v1.9',
    });
  });

  it('reads the v3 layout (paths of emdb.xsd), choosing the primary contour', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-12345" version="3.0.11.3">
  <admin>
    <key_dates><deposition>2021-03-04</deposition><header_release>2021-05-01</header_release></key_dates>
    <title>Some complex</title>
    <authors_list><author ORCID="0000-0001">Doe J</author><author>Roe R</author></authors_list>
  </admin>
  <crossreferences><pdb_list><pdb_reference><pdb_id>7abc</pdb_id></pdb_reference></pdb_list></crossreferences>
  <structure_determination_list>
    <structure_determination>
      <method>singleParticle</method>
      <singleparticle_processing>
        <final_reconstruction>
          <resolution units="Å" res_type="BY AUTHOR">3.2</resolution>
          <resolution_method>FSC 0.143 CUT-OFF</resolution_method>
        </final_reconstruction>
      </singleparticle_processing>
    </structure_determination>
  </structure_determination_list>
  <sample>
    <supramolecule_list>
      <complex_supramolecule supramolecule_id="1"><molecular_weight><experimental units="MDa">0.5</experimental><theoretical units="kDa">452</theoretical></molecular_weight></complex_supramolecule>
      <protein_or_peptide macromolecule_id="2"><molecular_weight><theoretical units="kDa">50</theoretical></molecular_weight></protein_or_peptide>
    </supramolecule_list>
  </sample>
  <map>
    <pixel_spacing><x units="Å">1.06</x><y units="Å">1.06</y><z units="Å">1.06</z></pixel_spacing>
    <contour_list>
      <contour primary="false"><level>0.5</level><source>SOFTWARE</source></contour>
      <contour primary="true"><level>0.021</level><source>AUTHOR</source></contour>
    </contour_list>
  </map>
</emd>`;
    const h = parseEmdbHeader(xml);
    expect(h).toEqual({
      id: 'EMD-12345', title: 'Some complex', authors: ['Doe J', 'Roe R'], depositionDate: '2021-03-04',
      method: 'singleParticle', reportedResolution: 3.2, resolutionMethod: 'FSC 0.143 CUT-OFF',
      contourLevel: 0.021, contourSource: 'AUTHOR', pixelSize: { x: 1.06, y: 1.06, z: 1.06 },
      fittedPdbIds: ['7ABC'], molecularMass: 452_000, schema: 'v3', // the first supramolecule's theoretical weight
    });
  });

  it.each([
    ['unclosed element', '<emd emdb_id="EMD-1"><admin><title>x</admin></emd>'],
    ['not XML', '\u0000\u0001 not xml at all <<<'],
    ['another document', '<html><body>404</body></html>'],
    ['v3 without id', '<emd><admin/></emd>'],
  ])('malformed (%s) → EMDB_HEADER_INVALID', (_name, xml) => {
    expect(() => parseEmdbHeader(xml)).toThrow(expect.objectContaining({ code: 'EMDB_HEADER_INVALID' }));
  });
});
