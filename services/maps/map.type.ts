/** The Map entity (owned by the maps subgraph) and its value types: spec/graphql.md. */
import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { ContourSource, Dim3, Vec3 } from './common.type.js';

@ObjectType({ description: 'Cell angles (MRC CELLB), degrees; 90, 90, 90 for EM maps' })
export class CellAngles {
  @Field(() => Float, { description: 'α: angle between the cell y and z axes, degrees' }) alpha!: number;
  @Field(() => Float, { description: 'β: angle between the cell x and z axes, degrees' }) beta!: number;
  @Field(() => Float, { description: 'γ: angle between the cell x and y axes, degrees' }) gamma!: number;
}

@ObjectType({ description: 'Every MRC2014 header field as stored in the file (raw: not axis-normalised)' })
export class MapHeader {
  @Field(() => Int, { nullable: true, description: 'NX: columns (fastest file axis), voxels' }) nx!: number | null;
  @Field(() => Int, { nullable: true, description: 'NY: rows, voxels' }) ny!: number | null;
  @Field(() => Int, { nullable: true, description: 'NZ: sections (slowest file axis), voxels' }) nz!: number | null;
  @Field(() => Int, { nullable: true, description: 'MODE: data type (0 int8, 1 int16, 2 float32, 6 uint16, 12 float16)' }) mode!: number | null;
  @Field(() => Int, { nullable: true, description: 'NXSTART: first column index, voxels' }) nxstart!: number | null;
  @Field(() => Int, { nullable: true, description: 'NYSTART: first row index, voxels' }) nystart!: number | null;
  @Field(() => Int, { nullable: true, description: 'NZSTART: first section index, voxels' }) nzstart!: number | null;
  @Field(() => Int, { nullable: true, description: 'MX: sampling along the cell x axis, voxels' }) mx!: number | null;
  @Field(() => Int, { nullable: true, description: 'MY: sampling along the cell y axis, voxels' }) my!: number | null;
  @Field(() => Int, { nullable: true, description: 'MZ: sampling along the cell z axis, voxels' }) mz!: number | null;
  @Field(() => Vec3, { nullable: true, description: 'CELLA: cell dimensions, Å' }) cella!: Vec3 | null;
  @Field(() => CellAngles, { nullable: true, description: 'CELLB: cell angles, degrees' }) cellb!: CellAngles | null;
  @Field(() => Int, { nullable: true, description: 'MAPC: axis (1 x, 2 y, 3 z) along the columns' }) mapc!: number | null;
  @Field(() => Int, { nullable: true, description: 'MAPR: axis along the rows' }) mapr!: number | null;
  @Field(() => Int, { nullable: true, description: 'MAPS: axis along the sections' }) maps!: number | null;
  @Field(() => Float, { nullable: true, description: 'DMIN: minimum density as written in the header, map units' }) dmin!: number | null;
  @Field(() => Float, { nullable: true, description: 'DMAX: maximum density as written, map units' }) dmax!: number | null;
  @Field(() => Float, { nullable: true, description: 'DMEAN: mean density as written, map units' }) dmean!: number | null;
  @Field(() => Int, { nullable: true, description: 'ISPG: space group number (1 for a single map)' }) ispg!: number | null;
  @Field(() => Int, { nullable: true, description: 'NSYMBT: extended header size, bytes' }) nsymbt!: number | null;
  @Field(() => String, { nullable: true, description: 'EXTTYP: extended header type code' }) exttyp!: string | null;
  @Field(() => Int, { nullable: true, description: 'NVERSION: format version (20140 or 20141)' }) nversion!: number | null;
  @Field(() => Vec3, { nullable: true, description: 'ORIGIN: origin words, Å' }) origin!: Vec3 | null;
  @Field(() => String, { nullable: true, description: 'MAP: the "MAP " stamp' }) map!: string | null;
  @Field(() => [Int], { nullable: true, description: 'MACHST: machine stamp bytes' }) machst!: number[] | null;
  @Field(() => Float, { nullable: true, description: 'RMS: rms deviation from the mean as written, map units' }) rms!: number | null;
  @Field(() => Int, { nullable: true, description: 'NLABL: number of labels in use' }) nlabl!: number | null;
  @Field(() => [String], { nullable: true, description: 'LABEL: the text labels' }) labels!: string[] | null;
  @Field(() => GraphQLJSON, { description: 'The whole header record as the reader returned it' }) raw!: unknown;
}

@ObjectType({ description: 'Statistics computed from the voxel data (not taken from the header), map units' })
export class MapStatistics {
  @Field(() => Float, { description: 'minimum voxel value, map units' }) min!: number;
  @Field(() => Float, { description: 'maximum voxel value, map units' }) max!: number;
  @Field(() => Float, { description: 'mean voxel value, map units' }) mean!: number;
  @Field(() => Float, { description: 'population standard deviation (ddof 0)' }) std!: number;
  @Field(() => Float, { description: 'root mean square of the values' }) rms!: number;
}

@ObjectType({ description: 'A header-validation finding' })
export class FormatIssue {
  @Field({ description: 'stable code of the finding' }) code!: string;
  @Field({ description: 'ERROR, WARNING or INFO' }) severity!: string;
  @Field({ description: 'the finding, in words' }) message!: string;
}

@ObjectType({ description: 'Entry metadata from an EMDB header XML' })
export class EmdbEntry {
  @Field(() => String, { nullable: true, description: 'EMD-NNNN' }) id!: string | null;
  @Field(() => String, { nullable: true, description: "the entry's title" }) title!: string | null;
  @Field(() => [String], { description: 'author names, in the order of the entry' }) authors!: string[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) depositionDate!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. singleParticle' }) method!: string | null;
  @Field(() => Float, { nullable: true, description: 'Å' }) reportedResolution!: number | null;
  @Field(() => Float, { nullable: true, description: 'primary contour level, map units' }) contourLevel!: number | null;
  @Field(() => String, { nullable: true, description: 'e.g. "FSC 0.143 CUT-OFF"' }) resolutionMethod!: string | null;
  @Field(() => String, { nullable: true, description: 'who set the contour: EMDB, AUTHOR, SOFTWARE, ANNOTATOR' }) contourSource!: string | null;
  @Field(() => Vec3, { nullable: true, description: 'Å per voxel along x, y, z' }) pixelSize!: Vec3 | null;
  @Field(() => [String], { description: 'PDB entries fitted to the map' }) fittedPdbIds!: string[];
  @Field(() => Float, { nullable: true, description: "Da, the sample's molecular mass (theoretical, else experimental); null when not given" }) molecularMass?: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A density map: its file, header, geometry and statistics' })
export class Map {
  @Field(() => ID, { description: "lowercase hex SHA-256 of the file's bytes as stored" }) id!: string;
  @Field({ description: 'original file name' }) name!: string;
  @Field(() => Float, { description: 'bytes' }) sizeBytes!: number;
  @Field(() => GraphQLDateTime, { description: 'when the map was registered (ISO 8601, UTC)' }) createdAt!: Date;
  @Field(() => MapHeader, { description: 'the MRC header as stored in the file' }) header!: MapHeader;
  @Field(() => Dim3, { description: 'voxels along x, y, z after axis normalisation' }) dimensions!: Dim3;
  @Field(() => Vec3, { description: 'Å per voxel along x, y, z' }) voxelSize!: Vec3;
  @Field(() => Vec3, { description: 'Å, position of voxel (0,0,0)' }) origin!: Vec3;
  @Field(() => String, { nullable: true, description: 'ORIGIN, NSTART or ZERO: which header words gave the origin' }) originSource!: string | null;
  @Field(() => [Int], { nullable: true, description: 'MAPC, MAPR, MAPS as read' }) axisOrder!: number[] | null;
  @Field(() => MapStatistics, { description: 'statistics of the voxel values, map units' }) statistics!: MapStatistics;
  @Field(() => [FormatIssue], { description: 'what header validation found; empty when nothing' }) formatIssues!: FormatIssue[];
  @Field(() => Float, { nullable: true, description: "author's threshold, map units" }) contourLevel!: number | null;
  @Field(() => ContourSource, { nullable: true, description: 'where contourLevel came from; null when there is none' }) contourSource!: ContourSource | null;
  @Field(() => Float, { nullable: true, description: 'Å' }) reportedResolution!: number | null;
  @Field(() => EmdbEntry, { nullable: true, description: 'metadata from the EMDB header XML given with the map; null when none' }) emdb!: EmdbEntry | null;
}

@ObjectType()
export class MapEdge {
  @Field({ description: 'opaque cursor; pass it as mapList(after:)' }) cursor!: string;
  @Field(() => Map, { description: 'the map' }) node!: Map;
}

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true, description: "the last edge's cursor; null on an empty page" }) endCursor!: string | null;
  @Field({ description: 'true when more maps follow' }) hasNextPage!: boolean;
}

@ObjectType({ description: 'A page of maps, oldest first' })
export class MapConnection {
  @Field(() => [MapEdge], { description: 'the maps of this page' }) edges!: MapEdge[];
  @Field(() => PageInfo, { description: 'where the page ends and whether more follow' }) pageInfo!: PageInfo;
}

@InputType({ description: 'Either path (a file under the data root) or uploadId (from PUT /maps/{filename})' })
export class RegisterMapInput {
  @Field(() => String, { nullable: true, description: "a map file's path under the server's data root" }) path?: string | null;
  @Field(() => ID, { nullable: true, description: 'the id PUT /maps/{filename} answered' }) uploadId?: string | null;
  @Field(() => String, { nullable: true, description: 'display name (default: the file name)' }) name?: string | null;
  @Field(() => Float, { nullable: true, description: "author's threshold, map units" }) contourLevel?: number | null;
  @Field(() => Float, { nullable: true, description: 'Å' }) reportedResolution?: number | null;
  @Field(() => String, { nullable: true, description: 'EMDB header XML text' }) emdbHeaderXml?: string | null;
  @Field(() => String, { nullable: true, description: 'EMDB header XML file under the data root' }) emdbHeaderPath?: string | null;
}
