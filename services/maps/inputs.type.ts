/** GraphQL types of the inputs linked to a map: Map.halfMaps, Map.model and their mutations' input. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Dim3, Vec3 } from './common.type.js';

export enum ModelFormat {
  PDB = 'PDB',
  MMCIF = 'MMCIF',
}
registerEnumType(ModelFormat, {
  name: 'ModelFormat',
  description: 'The format of an atomic model file: PDB (.pdb, .ent) or mmCIF (.cif)',
  valuesConfig: { PDB: { description: 'PDB format (.pdb, .ent)' }, MMCIF: { description: 'mmCIF format (.cif)' } },
});

@ObjectType({ description: 'A half map linked to a map: on the map\'s grid (same dimensions, voxel size and origin)' })
export class HalfMapFile {
  @Field({ description: "lowercase hex SHA-256 of the file's bytes as stored (part of the memo key of every analysis that reads it)" }) sha256!: string;
  @Field({ description: 'original file name' }) name!: string;
  @Field(() => Float, { description: 'bytes' }) sizeBytes!: number;
  @Field(() => Dim3, { description: 'voxels along x, y, z after axis normalisation' }) dimensions!: Dim3;
  @Field(() => Vec3, { description: 'Å per voxel along x, y, z' }) voxelSize!: Vec3;
  @Field(() => Vec3, { description: 'Å, position of voxel (0,0,0)' }) origin!: Vec3;
  @Field(() => GraphQLDateTime, { description: 'when it was linked to the map' }) attachedAt!: Date;
}

@ObjectType({ description: 'The two half maps of the reconstruction (Level 1 reads them)' })
export class HalfMaps {
  @Field(() => HalfMapFile, { description: 'the first half map' }) half1!: HalfMapFile;
  @Field(() => HalfMapFile, { description: 'the second half map' }) half2!: HalfMapFile;
}

@ObjectType({ description: 'An atomic model linked to a map (Level A reads it): the first model of the file, the alternate location of highest occupancy of each residue (first on a tie)' })
export class ModelFile {
  @Field({ description: "lowercase hex SHA-256 of the file's bytes as stored (compressed bytes for a .gz)" }) sha256!: string;
  @Field({ description: 'original file name' }) name!: string;
  @Field(() => Float, { description: 'bytes' }) sizeBytes!: number;
  @Field(() => ModelFormat, { description: 'PDB or MMCIF' }) format!: ModelFormat;
  @Field(() => Int, { description: 'atoms read (first model, one alternate location per residue)' }) atoms!: number;
  @Field(() => Int, { description: 'HETATM atoms among them' }) hetAtoms!: number;
  @Field(() => [String], { description: 'chain ids in file order ("" for a blank id)' }) chains!: string[];
  @Field(() => Int, { description: 'residues' }) residues!: number;
  @Field(() => Int, { description: 'models in the file (only the first is read)' }) models!: number;
  @Field(() => Int, { description: 'atoms dropped because they are in an alternate location not kept (lower occupancy, or later on a tie)' }) alternateLocationsDropped!: number;
  @Field(() => Vec3, { description: "Å, the atoms' bounding box: lowest x, y, z" }) boundsMin!: Vec3;
  @Field(() => Vec3, { description: "Å, the atoms' bounding box: highest x, y, z" }) boundsMax!: Vec3;
  @Field(() => GraphQLDateTime, { description: 'when it was linked to the map' }) attachedAt!: Date;
}

@InputType({ description: 'A file for an input role: either path (a file under the data root) or uploadId (what PUT /maps/{filename} answered)' })
export class InputFileInput {
  @Field(() => String, { nullable: true, description: "a file's path under the server's data root" }) path?: string | null;
  @Field(() => ID, { nullable: true, description: 'the id PUT /maps/{filename} answered (a half map uploaded as .map/.mrc, a model as .pdb/.ent/.cif, optionally .gz)' }) uploadId?: string | null;
}
