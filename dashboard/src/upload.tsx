/**
 * Upload: a map by drag and drop or a file field, with a progress bar; optional threshold,
 * resolution, EMDB header XML, the two half maps (Level 1) and an atomic model (Level A).
 * PUT /maps/{name} for each file, then registerMap, attachHalfMaps, attachModel, and Level 0
 * is started unless unticked. A refusal says which step and why (its code and message).
 */
import { useRef, useState } from 'preact/hooks';
import { describe, gql, upload } from './api';
import { AttachHalfMapsDocument, AttachModelDocument, RegisterMapDocument, type RegisterMapInput } from './generated/graphql';
import { DEFAULT_PARAMS, startLevel, type Level } from './levels';
import { mib } from './format';

type Slot = 'map' | 'half1' | 'half2' | 'model' | 'xml';
const SLOTS: { slot: Slot; label: string; accept: string }[] = [
  { slot: 'half1', label: 'Half map 1', accept: '.map,.mrc,.ccp4,.gz' },
  { slot: 'half2', label: 'Half map 2', accept: '.map,.mrc,.ccp4,.gz' },
  { slot: 'model', label: 'Atomic model (PDB or mmCIF)', accept: '.pdb,.ent,.cif,.gz' },
  { slot: 'xml', label: 'EMDB header XML', accept: '.xml' },
];

export function Upload({ levels, onDone }: { levels: Level[]; onDone: (message: string, error?: boolean) => void }) {
  const [files, setFiles] = useState<Partial<Record<Slot, File>>>({});
  const [progress, setProgress] = useState<{ what: string; fraction: number } | null>(null);
  const [over, setOver] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const put = async (file: File, what: string) => upload(file, (fraction) => setProgress({ what, fraction }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = form.current!;
    const map = files.map;
    if (!map) return onDone('Choose or drop a map file first.', true);
    let step = `upload ${map.name}`;
    try {
      const staged = await put(map, map.name);
      const input: RegisterMapInput = { uploadId: staged.id };
      const num = (name: string) => { const v = (f.elements.namedItem(name) as HTMLInputElement).value; return v === '' ? undefined : Number(v); };
      input.contourLevel = num('contourLevel');
      input.reportedResolution = num('reportedResolution');
      if (files.xml) input.emdbHeaderXml = await files.xml.text();
      step = 'register the map';
      const { registerMap } = await gql(RegisterMapDocument, { input });
      if (files.half1 || files.half2) {
        if (!files.half1 || !files.half2) throw new Error('Give both half maps (or neither).');
        step = 'upload the half maps';
        const h1 = await put(files.half1, files.half1.name);
        const h2 = await put(files.half2, files.half2.name);
        step = 'link the half maps';
        await gql(AttachHalfMapsDocument, { mapId: registerMap.id, half1: { uploadId: h1.id }, half2: { uploadId: h2.id } });
      }
      if (files.model) {
        step = 'upload the model';
        const m = await put(files.model, files.model.name);
        step = 'link the model';
        await gql(AttachModelDocument, { mapId: registerMap.id, model: { uploadId: m.id } });
      }
      const run = (f.elements.namedItem('runNow') as HTMLInputElement).checked;
      // a refused start (e.g. anisotropic voxels) shows on the row with its fix
      if (run) await startLevel(levels[0]!, registerMap.id, DEFAULT_PARAMS).catch(() => undefined);
      onDone(`Registered ${registerMap.name}${run ? '; Level 0 started' : ''}.`);
      setFiles({});
      f.reset();
    } catch (error) {
      onDone(`Could not ${step}: ${describe(error)}`, true);
    } finally {
      setProgress(null);
    }
  };
  const pick = (slot: Slot) => (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setFiles((s) => ({ ...s, [slot]: file }));
  };
  return (
    <section aria-labelledby="upload-title" class="upload">
      <h2 id="upload-title">Validate a map</h2>
      <form id="upload" ref={form} onSubmit={submit}>
        <label class={`drop${over ? ' over' : ''}`}
          onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
          onDrop={(e) => { e.preventDefault(); setOver(false); const file = e.dataTransfer?.files[0]; if (file) setFiles((s) => ({ ...s, map: file })); }}>
          <span>{files.map ? `${files.map.name} (${mib(files.map.size)})` : 'Drop a map here (.map, .mrc, .ccp4, optionally .gz), or choose one'}</span>
          <input type="file" name="file" accept=".map,.mrc,.ccp4,.gz" onChange={pick('map')} />
        </label>
        <div class="fields">
          <label>Threshold (map units) <input type="number" name="contourLevel" step="any" placeholder="estimated" /></label>
          <label>Resolution (Å) <input type="number" name="reportedResolution" step="any" min="0" placeholder="none" /></label>
          {SLOTS.map(({ slot, label, accept }) => (
            <label key={slot}>{label} <input type="file" name={slot} accept={accept} onChange={pick(slot)} /></label>
          ))}
          <label class="inline"><input type="checkbox" name="runNow" defaultChecked /> start Level 0 at once</label>
          <button type="submit" disabled={!!progress}>Upload and register</button>
        </div>
        {progress && (
          <div class="progress">
            <label for="upload-progress">Uploading {progress.what}</label>
            <progress id="upload-progress" max={1} value={progress.fraction}>{Math.round(progress.fraction * 100)} %</progress>
          </div>
        )}
      </form>
    </section>
  );
}
