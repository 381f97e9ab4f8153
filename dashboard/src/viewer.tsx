/**
 * The 3D view: the map's isosurface at the chosen threshold (Level0.isosurface, the mesh the
 * report draws), in three.js, rotatable by mouse drag or the arrow keys. three.js is loaded
 * with this component only (its own chunk), from this server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { describe, gql } from './api';
import { IsosurfaceDocument } from './generated/graphql';
import type { Params } from './levels';
import { paintVertices, readLocalMrc } from './paint';

/** A local map to paint the surface with (0.e–0.g): its artifact and colour range. */
export interface Paint { label: string; url: string; lo: number; hi: number; unit: string; zeroIsUnmeasured: boolean }

/** Decodes the mesh file: "VRSMESH1", u32 V, u32 I, f32 positions[3V], f32 normals[3V], u32 indices[I]. */
export function decodeMesh(buf: ArrayBuffer): { positions: Float32Array; normals: Float32Array; indices: Uint32Array } {
  const bytes = new Uint8Array(buf);
  if (String.fromCharCode(...bytes.subarray(0, 8)) !== 'VRSMESH1') throw new Error('not a VRS mesh file');
  const view = new DataView(buf);
  const nv = view.getUint32(8, true), ni = view.getUint32(12, true);
  const body = buf.slice(16);
  return { positions: new Float32Array(body, 0, 3 * nv), normals: new Float32Array(body, 12 * nv, 3 * nv), indices: new Uint32Array(body, 24 * nv, ni) };
}

export function SurfaceView({ id, params, dims, paint }: { id: string; params: Params; dims: { x: number; y: number; z: number }; paint: Paint | null }) {
  const host = useRef<HTMLDivElement>(null);
  const [info, setInfo] = useState<string>('Making the surface…');
  useEffect(() => {
    let dispose = () => {};
    let stopped = false;
    (async () => {
      const answer = await gql(IsosurfaceDocument, { id, ...params });
      const surface = answer.map?.level0.isosurface;
      if (!surface) throw new Error('no surface for these parameters');
      const [THREE, mesh, local] = await Promise.all([import('three'), fetch(surface.url).then((r) => r.arrayBuffer()).then(decodeMesh),
        paint ? fetch(paint.url).then((r) => r.arrayBuffer()).then(readLocalMrc) : null]);
      if (stopped) return;
      const el = host.current!;
      const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
      const size = () => [el.clientWidth, Math.min(480, Math.max(260, el.clientWidth * 0.75))] as const;
      renderer.setPixelRatio(Math.min(2, devicePixelRatio));
      renderer.setSize(...size());
      renderer.domElement.setAttribute('aria-label', `Isosurface of the map at threshold ${surface.threshold.toPrecision(4)}; drag or use the arrow keys to turn it`);
      renderer.domElement.setAttribute('role', 'img');
      renderer.domElement.tabIndex = 0;
      el.replaceChildren(renderer.domElement);
      const scene = new THREE.Scene();
      scene.background = new THREE.Color('#ffffff');
      const geometry = new THREE.BufferGeometry();
      geometry.setAttribute('position', new THREE.BufferAttribute(mesh.positions, 3));
      geometry.setAttribute('normal', new THREE.BufferAttribute(mesh.normals, 3));
      geometry.setIndex(new THREE.BufferAttribute(mesh.indices, 1));
      if (paint && local) geometry.setAttribute('color', new THREE.BufferAttribute(paintVertices(mesh.positions, dims, answer.map!.level0.voxelSize, local, paint.lo, paint.hi, paint.zeroIsUnmeasured), 3));
      geometry.computeBoundingSphere();
      const sphere = geometry.boundingSphere!;
      geometry.translate(-sphere.center.x, -sphere.center.y, -sphere.center.z);
      const object = new THREE.Mesh(geometry, new THREE.MeshPhongMaterial(paint ? { vertexColors: true, side: THREE.DoubleSide, shininess: 20 } : { color: '#4e9a06', side: THREE.DoubleSide, shininess: 20 }));
      const pivot = new THREE.Group();
      pivot.add(object);
      scene.add(pivot, new THREE.AmbientLight(0xffffff, 0.45));
      const light = new THREE.DirectionalLight(0xffffff, 1.1);
      light.position.set(1, 1, 2);
      scene.add(light);
      const [w, h] = size();
      const camera = new THREE.PerspectiveCamera(35, w / h, sphere.radius * 0.1, sphere.radius * 10);
      camera.position.set(0, 0, sphere.radius * 3.2);
      const draw = () => renderer.render(scene, camera);
      let drag: { x: number; y: number } | null = null;
      const turn = (dx: number, dy: number) => { pivot.rotation.y += dx * 0.01; pivot.rotation.x += dy * 0.01; draw(); };
      const canvas = renderer.domElement;
      canvas.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY }; canvas.setPointerCapture(e.pointerId); });
      canvas.addEventListener('pointermove', (e) => { if (drag) { turn(e.clientX - drag.x, e.clientY - drag.y); drag = { x: e.clientX, y: e.clientY }; } });
      canvas.addEventListener('pointerup', () => { drag = null; });
      canvas.addEventListener('keydown', (e) => {
        const k: Record<string, [number, number]> = { ArrowLeft: [-15, 0], ArrowRight: [15, 0], ArrowUp: [0, -15], ArrowDown: [0, 15] };
        if (k[e.key]) { e.preventDefault(); turn(...k[e.key]!); }
      });
      const resize = new ResizeObserver(() => { const [w2, h2] = size(); renderer.setSize(w2, h2); camera.aspect = w2 / h2; camera.updateProjectionMatrix(); draw(); });
      resize.observe(el);
      draw();
      setInfo(`${surface.triangles.toLocaleString('en')} triangles at threshold ${surface.threshold.toPrecision(4)}${surface.step > 1 ? ` (every ${surface.step}th voxel)` : ''}${paint ? `; painted with ${paint.label}, jet from ${paint.lo.toPrecision(3)} (blue) to ${paint.hi.toPrecision(3)} ${paint.unit} (red)${paint.zeroIsUnmeasured ? ', grey where not measured' : ''}` : ''}`);
      dispose = () => { resize.disconnect(); geometry.dispose(); renderer.dispose(); };
    })().catch((e) => { if (!stopped) setInfo(`No 3D view: ${describe(e)}`); });
    return () => { stopped = true; dispose(); };
  }, [id, JSON.stringify(params), paint?.url]);
  return (
    <figure class="surface">
      <div ref={host} class="surface-canvas" data-testid="surface" />
      <figcaption aria-live="polite">{info}</figcaption>
    </figure>
  );
}
