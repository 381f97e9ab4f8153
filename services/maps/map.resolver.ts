import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Float } from 'type-graphql';
import { VrsError } from '../../worker-pool/errors.js';
import { inputsLoader, mapLoader, type SubgraphContext } from './context.js';
import { type MapInputsRecord } from './service-types.js';
import { MAP_ID_PATTERN } from './common.type.js';
import { HalfMaps, InputFileInput, ModelFile } from './inputs.type.js';
import { Map, MapConnection, RegisterMapInput } from './map.type.js';
import { toMap } from './map.mapping.js';

/** Refuses anything that is not a SHA-256 id before it reaches the database. */
export function checkMapId(id: string): string {
  if (!MAP_ID_PATTERN.test(id)) {
    throw new VrsError('MAP_ID_MALFORMED', `"${id.slice(0, 80)}" is not a map id; a map id is the 64 lowercase hex digits of the file's SHA-256.`);
  }
  return id;
}

@Resolver(() => Map)
export class MapResolver {
  @Query(() => Map, { nullable: true, description: 'One map by id (SHA-256)' })
  async map(@Arg('id', () => ID, { description: 'the map id (SHA-256 of its file)' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Map | null> {
    const record = await mapLoader(ctx).load(checkMapId(id));
    if (!record) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${id}; register it with registerMap or PUT /maps/{filename} first.`);
    return toMap(record);
  }

  @Query(() => [Map], { nullable: 'items', description: 'Batch lookup, in the order asked (null for an unknown id)' })
  async maps(@Arg('ids', () => [ID], { description: 'map ids (SHA-256 of their files); the answer has one entry per id, null when unknown' }) ids: string[], @Ctx() ctx: SubgraphContext): Promise<(Map | null)[]> {
    ids.forEach(checkMapId);
    const records = await mapLoader(ctx).loadMany(ids);
    return records.map((r) => {
      if (r instanceof Error) throw r;
      return r ? toMap(r) : null;
    });
  }

  @Query(() => MapConnection, { description: 'Maps, oldest first, a page at a time (first: 1 to 100)' })
  async mapList(
    @Arg('first', () => Int, { defaultValue: 20, description: 'page size, maps' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "a cursor (pageInfo.endCursor); the page starts after it" }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<MapConnection> {
    const page = await ctx.services.maps.list(first, after ?? null);
    return {
      edges: page.items.map((r) => ({ cursor: r.id, node: toMap(r) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }

  @Mutation(() => Map, { description: 'Registers a map file under the data root, or an uploaded map, with optional metadata' })
  async registerMap(@Arg('input', () => RegisterMapInput, { description: 'the file to register and its metadata' }) input: RegisterMapInput, @Ctx() ctx: SubgraphContext): Promise<Map> {
    const options = {
      name: input.name ?? null,
      contourLevel: input.contourLevel ?? null,
      reportedResolution: input.reportedResolution ?? null,
      emdbHeaderXml: input.emdbHeaderXml ?? null,
      emdbHeaderPath: input.emdbHeaderPath ?? null,
    };
    if ((input.path == null) === (input.uploadId == null)) {
      throw new VrsError('BAD_PARAMETER', 'registerMap needs exactly one of input.path (a file under the data root) or input.uploadId.');
    }
    const record = input.uploadId != null
      ? await ctx.services.maps.registerUpload(checkMapId(input.uploadId), options)
      : await ctx.services.maps.registerPath(input.path!, options);
    mapLoader(ctx).clear(record.id).prime(record.id, record);
    return toMap(record);
  }

  @Mutation(() => Map, { description: "Sets a map's threshold (map units) and reported resolution (Å)" })
  async setMapMetadata(
    @Arg('id', () => ID, { description: 'the map id (SHA-256 of its file)' }) id: string,
    @Arg('contourLevel', () => Float, { nullable: true, description: "author's threshold, map units" }) contourLevel: number | null,
    @Arg('reportedResolution', () => Float, { nullable: true, description: 'Å' }) reportedResolution: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Map> {
    if (reportedResolution != null && !(reportedResolution > 0)) {
      throw new VrsError('BAD_PARAMETER', `reportedResolution must be a positive number of Å (got ${reportedResolution}).`);
    }
    const patch: { contourLevel?: number | null; reportedResolution?: number | null } = {};
    if (contourLevel !== undefined) patch.contourLevel = contourLevel;
    if (reportedResolution !== undefined) patch.reportedResolution = reportedResolution;
    const record = await ctx.services.maps.setMetadata(checkMapId(id), patch);
    mapLoader(ctx).clear(record.id).prime(record.id, record);
    return toMap(record);
  }

  @Mutation(() => Boolean, { description: 'Forgets a map: its registration, its linked half maps and model, and every stored result and figure record computed from it (the files stay in the blob folder; registering the same file again starts afresh). MAP_NOT_REGISTERED when no map has that id; MAP_BUSY while a computation of the map is running (retry once its levels are done; queued work is dropped)' })
  async forgetMap(@Arg('id', () => ID, { description: 'the map id (SHA-256 of its file)' }) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    if (!(await ctx.services.maps.forget(checkMapId(id)))) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${id}; nothing to forget.`);
    mapLoader(ctx).clear(id);
    return true;
  }
}

/**
 * Map.halfMaps, Map.model and the mutations that link and unlink them. A mutation answers the
 * Map; its inputs are primed in the request's loader, so selecting them costs no second read.
 */
@Resolver(() => Map)
export class MapInputsResolver {
  @FieldResolver(() => HalfMaps, { nullable: true, description: 'The two half maps linked to the map (attachHalfMaps), or null' })
  async halfMaps(@Root() map: Map, @Ctx() ctx: SubgraphContext): Promise<HalfMaps | null> {
    return (await inputsLoader(ctx).load(map.id)).halfMaps;
  }

  @FieldResolver(() => ModelFile, { nullable: true, description: 'The atomic model linked to the map (attachModel), or null' })
  async model(@Root() map: Map, @Ctx() ctx: SubgraphContext): Promise<ModelFile | null> {
    return (await inputsLoader(ctx).load(map.id)).model as ModelFile | null;
  }

  @Mutation(() => Map, { description: "Links the map's two half maps (each a file under the data root or an upload): they must have the map's dimensions, voxel size and origin and be two different files; replaces an earlier pair (results computed with it stay stored)" })
  async attachHalfMaps(
    @Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }) mapId: string,
    @Arg('half1', () => InputFileInput, { description: 'the first half map file' }) half1: InputFileInput,
    @Arg('half2', () => InputFileInput, { description: 'the second half map file' }) half2: InputFileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Map> {
    checkMapId(mapId);
    return this.#answer(ctx, await ctx.services.maps.attachHalfMaps(mapId, sourceOf(half1), sourceOf(half2)));
  }

  @Mutation(() => Map, { description: "Links an atomic model (PDB or mmCIF, plain or .gz; it must parse) to the map, replacing an earlier one" })
  async attachModel(@Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }) mapId: string, @Arg('model', () => InputFileInput, { description: 'the atomic model file' }) model: InputFileInput, @Ctx() ctx: SubgraphContext): Promise<Map> {
    checkMapId(mapId);
    return this.#answer(ctx, await ctx.services.maps.attachModel(mapId, sourceOf(model)));
  }

  @Mutation(() => Map, { description: 'Unlinks the half maps (results computed with them stay stored; attaching the same files again finds them)' })
  async detachHalfMaps(@Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }) mapId: string, @Ctx() ctx: SubgraphContext): Promise<Map> {
    checkMapId(mapId);
    return this.#answer(ctx, await ctx.services.maps.detachHalfMaps(mapId));
  }

  @Mutation(() => Map, { description: 'Unlinks the atomic model (results computed with it stay stored)' })
  async detachModel(@Arg('mapId', () => ID, { description: 'the map id (SHA-256 of its file)' }) mapId: string, @Ctx() ctx: SubgraphContext): Promise<Map> {
    checkMapId(mapId);
    return this.#answer(ctx, await ctx.services.maps.detachModel(mapId));
  }

  async #answer(ctx: SubgraphContext, inputs: MapInputsRecord): Promise<Map> {
    inputsLoader(ctx).clear(inputs.mapId).prime(inputs.mapId, inputs);
    const record = await mapLoader(ctx).load(inputs.mapId);
    if (!record) throw new VrsError('MAP_NOT_REGISTERED', `No map has id ${inputs.mapId}.`);
    return toMap(record);
  }
}

function sourceOf(input: InputFileInput): { path: string | null; uploadId: string | null } {
  if (input.uploadId != null) checkMapId(input.uploadId);
  return { path: input.path ?? null, uploadId: input.uploadId ?? null };
}

/** Federation: the gateway asks for Maps by id; one batched lookup per request. */
export async function resolveMapReference(ref: { id: string }, ctx: SubgraphContext): Promise<Map | null> {
  const record = await mapLoader(ctx).load(checkMapId(ref.id));
  return record ? toMap(record) : null;
}
