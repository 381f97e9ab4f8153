/**
 * Isosurface views: a marching-cubes mesh (made by the worker pool, metric level0.isosurface)
 * drawn with three.js in headless Chromium (WebGL through SwiftShader) from the three
 * viewpoints of VRS (level0.md §3): turns about the screen's x, y, z axes of
 * (0, −90, −90), (−90, 0, −90) and (0, 0, 0) degrees, then "view all". White background,
 * surface colour #4e9a06, soft lighting; or the surface painted with a local map (jet,
 * 11 colours, range p2.5 … p97.5) for 0.e–0.g.
 * three.js is served to the page from node_modules through request interception, never a CDN.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { RendererError } from './errors.js';
import { guardPage, LOCAL_ORIGIN, type LocalRoutes } from './chromium.js';

/** Indexed triangle mesh, positions in Å (same record as the kernel's Mesh). */
export interface SurfaceMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

/** Rotations (x, y, z) in degrees of the three VRS views. */
export const VIEW_ANGLES: readonly [number, number, number][] = [
  [0, -90, -90],
  [-90, 0, -90],
  [0, 0, 0],
];

export const SURFACE_COLOUR = '#4e9a06';

/** matplotlib's "jet" at 11 evenly spaced points: the discrete colour map of the local views. */
export const JET11: readonly [number, number, number][] = Array.from({ length: 11 }, (_, k) => {
  const x = k / 10;
  const c = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));
  return [c(1.5 - Math.abs(4 * x - 3)), c(1.5 - Math.abs(4 * x - 2)), c(1.5 - Math.abs(4 * x - 1))] as [number, number, number];
});

/** RGB bytes per vertex: values binned into 11 colours over [lo, hi] (values outside are clamped). */
/** Vertices with no value (NaN: outside the region the method measured) are painted this grey. */
export const UNMEASURED_GREY: [number, number, number] = [170, 170, 170];

export function jetColours(values: Float32Array, lo: number, hi: number): Uint8Array {
  const out = new Uint8Array(values.length * 3);
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      out.set(UNMEASURED_GREY, 3 * i);
      continue;
    }
    const bin = Math.min(10, Math.max(0, Math.floor(((values[i]! - lo) / span) * 11)));
    const c = JET11[bin]!;
    out[3 * i] = c[0];
    out[3 * i + 1] = c[1];
    out[3 * i + 2] = c[2];
  }
  return out;
}

function threeBuildDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('three')); // build/three.cjs: the folder also holds the ES modules
}

function meshBytes(mesh: SurfaceMesh): Buffer {
  const nv = mesh.positions.length / 3;
  const ni = mesh.indices.length;
  const buf = Buffer.alloc(8 + 24 * nv + 4 * ni);
  buf.writeUInt32LE(nv, 0);
  buf.writeUInt32LE(ni, 4);
  Buffer.from(mesh.positions.buffer, mesh.positions.byteOffset, 12 * nv).copy(buf, 8);
  Buffer.from(mesh.normals.buffer, mesh.normals.byteOffset, 12 * nv).copy(buf, 8 + 12 * nv);
  Buffer.from(mesh.indices.buffer, mesh.indices.byteOffset, 4 * ni).copy(buf, 8 + 24 * nv);
  return buf;
}

const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head>
<body><canvas id="c"></canvas>
<script type="module">
import * as THREE from './three.module.js';
const canvas = document.getElementById('c');
let renderer;
try { renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true }); }
catch (e) { window.__vrsError = String(e); }
const scene = new THREE.Scene();
scene.background = new THREE.Color(0xffffff);
const camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0.1, 1000);
scene.add(camera);
// soft lighting: strong ambient + a key light and a fill light that move with the camera
scene.add(new THREE.AmbientLight(0xffffff, 0.9));
const key = new THREE.DirectionalLight(0xffffff, 2.2); key.position.set(0.6, 0.8, 1.5); camera.add(key);
const fill = new THREE.DirectionalLight(0xffffff, 0.6); fill.position.set(-1, -0.4, 0.8); camera.add(fill);
const geometry = new THREE.BufferGeometry();
// two materials, each compiled once: switching vertexColors on one material recompiles its shader
const plain = new THREE.MeshLambertMaterial({ color: 0x4e9a06, side: THREE.DoubleSide });
const painted = new THREE.MeshLambertMaterial({ color: 0xffffff, vertexColors: true, side: THREE.DoubleSide });
// the model view: the surface translucent, the model's trace drawn in it (a child of the mesh: it turns with it)
const translucent = new THREE.MeshLambertMaterial({ color: 0x4e9a06, side: THREE.DoubleSide, transparent: true, opacity: 0.25, depthWrite: false });
const mesh = new THREE.Mesh(geometry, plain);
scene.add(mesh);
const traceGeometry = new THREE.BufferGeometry();
// drawn last and on top (no depth test): the trace inside the translucent surface stays visible
const trace = new THREE.LineSegments(traceGeometry, new THREE.LineBasicMaterial({ color: 0xd00000, depthTest: false, transparent: true }));
trace.renderOrder = 2;
trace.visible = false;
mesh.add(trace);
const centre = new THREE.Vector3();
window.__vrs = {
  async load() {
    const buf = await (await fetch('./mesh.bin')).arrayBuffer();
    const h = new Uint32Array(buf, 0, 2); const nv = h[0], ni = h[1];
    geometry.setAttribute('position', new THREE.BufferAttribute(new Float32Array(buf, 8, 3 * nv), 3));
    geometry.setAttribute('normal', new THREE.BufferAttribute(new Float32Array(buf, 8 + 12 * nv, 3 * nv), 3));
    geometry.setIndex(new THREE.BufferAttribute(new Uint32Array(buf, 8 + 24 * nv, ni), 1));
    geometry.computeBoundingBox();
    const c = centre; geometry.boundingBox.getCenter(c);
    geometry.translate(-c.x, -c.y, -c.z); // turn about the surface's centre
    return nv;
  },
  async colour(name, segments) {
    trace.visible = false;
    if (segments) {
      const xyz = new Float32Array(await (await fetch('./segments-' + segments + '.bin')).arrayBuffer());
      traceGeometry.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
      traceGeometry.translate(-centre.x, -centre.y, -centre.z);
      trace.visible = true;
      mesh.material = translucent;
      return;
    }
    if (!name) { mesh.material = plain; return; }
    const bytes = new Uint8Array(await (await fetch('./colours-' + name + '.bin')).arrayBuffer());
    geometry.setAttribute('color', new THREE.BufferAttribute(bytes, 3, true));
    mesh.material = painted;
  },
  render(views, width, height, format) {
    renderer.setPixelRatio(1);
    renderer.setSize(width, height, false);
    const out = [];
    for (const [rx, ry, rz] of views) {
      const d = Math.PI / 180;
      // successive turns about the fixed screen axes x, then y, then z: R = Rz·Ry·Rx ('ZYX')
      mesh.rotation.set(rx * d, ry * d, rz * d, 'ZYX');
      mesh.updateMatrixWorld(true);
      const box = new THREE.Box3().setFromObject(mesh, true);
      const size = new THREE.Vector3(); box.getSize(size);
      const ctr = new THREE.Vector3(); box.getCenter(ctr);
      const aspect = width / height;
      const half = 1.06 * Math.max(size.y / 2, size.x / (2 * aspect), 1e-3);
      camera.left = -half * aspect; camera.right = half * aspect; camera.top = half; camera.bottom = -half;
      camera.position.set(ctr.x, ctr.y, box.max.z + 10);
      camera.near = 1; camera.far = size.z + 20;
      camera.lookAt(ctr.x, ctr.y, ctr.z - 1);
      camera.updateProjectionMatrix();
      renderer.render(scene, camera);
      out.push(canvas.toDataURL(format, 0.92));
    }
    return out;
  },
};
window.__vrsReady = true;
</script></body></html>`;

export interface Colouring {
  /** key of the result, e.g. 'plain', 'localResolution' */
  name: string;
  /** RGB per vertex, or null for the plain #4e9a06 surface */
  colours: Uint8Array | null;
  /** line segments drawn over a translucent surface (an atomic model's trace): pairs of x, y, z points in Å */
  segments?: Float32Array;
}

/** Longest Cα–Cα step drawn as a bond (Å): longer gaps (missing residues) stay open. */
export const TRACE_MAX_STEP = 4.5;

/** The segments of a trace: consecutive points of one chain closer than TRACE_MAX_STEP. */
export function traceSegments(points: readonly number[], chainStarts: readonly number[]): Float32Array {
  const starts = new Set(chainStarts);
  const out: number[] = [];
  for (let k = 1; k < points.length / 3; k++) {
    if (starts.has(k)) continue;
    const a = points.slice(3 * (k - 1), 3 * k), b = points.slice(3 * k, 3 * k + 3);
    if (Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!) <= TRACE_MAX_STEP) out.push(...a, ...b);
  }
  return Float32Array.from(out);
}

export interface SurfaceViewOptions {
  width?: number;
  height?: number;
  /** 'image/jpeg' (default: small, and Chromium's PDF embeds it without re-encoding) or 'image/png' */
  format?: 'image/jpeg' | 'image/png';
  /** an open page already guarded (guardPage) with `routes`: reused, not closed (saves a renderer process) */
  page?: Page;
  routes?: LocalRoutes;
}

/** A page with the mesh loaded, ready to draw it (openSurfaceViewer). */
export interface SurfaceViewer {
  /** The three views of the mesh in one colouring, as data URLs. */
  render(colouring: Colouring): Promise<string[]>;
  /** Closes the page if the viewer opened it (a page it was given stays open). */
  close(): Promise<void>;
}

/**
 * Loads three.js and the mesh into a page and starts WebGL (≈ 0.4 s of Chromium's time: the
 * report renderer does it while the report is queried); colourings are drawn as they come.
 */
export async function openSurfaceViewer(browser: Browser, mesh: SurfaceMesh, options: SurfaceViewOptions = {}): Promise<SurfaceViewer> {
  // ~55 mm wide in the PDF: 480 px is ~220 dpi there, sharp in print; SwiftShader's cost
  // scales with pixels, and 640 × 512 (300 dpi) cost ~1.8× as much for no visible gain
  const width = options.width ?? 480;
  const height = options.height ?? 384;
  const format = options.format ?? 'image/jpeg';
  const dir = threeBuildDir();
  const routes: LocalRoutes = options.routes ?? new Map();
  for (const [path, route] of [
    ['/index.html', { body: Buffer.from(PAGE_HTML), contentType: 'text/html' }],
    ['/three.module.js', { body: readFileSync(join(dir, 'three.module.js')), contentType: 'text/javascript' }],
    ['/three.core.js', { body: readFileSync(join(dir, 'three.core.js')), contentType: 'text/javascript' }],
    ['/mesh.bin', { body: meshBytes(mesh), contentType: 'application/octet-stream' }],
  ] as const) routes.set(path, route);
  const own = !options.page;
  const page = options.page ?? (await browser.newPage());
  try {
    if (own) await guardPage(page, routes);
    await page.goto(LOCAL_ORIGIN + '/index.html', { waitUntil: 'load' });
    await page.waitForFunction('window.__vrsReady === true || window.__vrsError !== undefined', { timeout: 30_000 });
    const failure = await page.evaluate('window.__vrsError');
    if (failure) throw new RendererError('WEBGL_UNAVAILABLE', `WebGL could not start in Chromium (${String(failure)}); run it with --use-angle=swiftshader --enable-unsafe-swiftshader.`);
    await page.evaluate('window.__vrs.load()');
  } catch (error) {
    if (own) await page.close().catch(() => undefined);
    throw error;
  }
  let drawn = 0;
  return {
    async render(c) {
      const k = String(drawn++);
      if (c.colours) routes.set(`/colours-${k}.bin`, { body: Buffer.from(c.colours), contentType: 'application/octet-stream' });
      if (c.segments) routes.set(`/segments-${k}.bin`, { body: Buffer.from(c.segments.buffer, c.segments.byteOffset, c.segments.byteLength), contentType: 'application/octet-stream' });
      await page.evaluate(`window.__vrs.colour(${c.colours ? JSON.stringify(k) : 'null'}, ${c.segments ? JSON.stringify(k) : 'null'})`);
      return (await page.evaluate(`window.__vrs.render(${JSON.stringify(VIEW_ANGLES)}, ${width}, ${height}, ${JSON.stringify(format)})`)) as string[];
    },
    close: async () => {
      if (own) await page.close();
    },
  };
}

/** Renders every colouring of the mesh from the three viewpoints; data URLs by colouring name. */
export async function renderSurfaceViews(
  browser: Browser,
  mesh: SurfaceMesh,
  colourings: Colouring[],
  options: SurfaceViewOptions = {},
): Promise<Record<string, string[]>> {
  const viewer = await openSurfaceViewer(browser, mesh, options);
  try {
    const out: Record<string, string[]> = {};
    for (const c of colourings) out[c.name] = await viewer.render(c);
    return out;
  } finally {
    await viewer.close();
  }
}
