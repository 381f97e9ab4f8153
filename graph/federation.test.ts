/**
 * Enum defaults survive the trip through SDL: type-graphql's `defaultValue: 'standard'` is
 * printed as `= STANDARD`; the rebuilt subgraph must hand the resolver the internal value
 * 'standard' when the argument is left out, as it does when the argument is given.
 */
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { Arg, Field, InputType, Query, Resolver, registerEnumType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSubgraph } from './federation.js';

// the CommonJS graphql that @apollo/subgraph built the schema with (the ESM copy would refuse it)
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

enum Flavour { PLAIN = 'plain', FANCY = 'fancy-2024' }
registerEnumType(Flavour, { name: 'Flavour' });

@InputType()
class Order {
  @Field(() => Flavour, { defaultValue: Flavour.PLAIN }) flavour!: Flavour;
  @Field(() => [Flavour], { defaultValue: [Flavour.FANCY] }) extras!: Flavour[];
}

@Resolver()
class EchoResolver {
  @Query(() => String)
  echo(@Arg('flavour', () => Flavour, { defaultValue: Flavour.PLAIN }) flavour: Flavour): string {
    return `internal:${flavour}`;
  }

  @Query(() => String)
  order(@Arg('order', () => Order) order: Order): string {
    return `internal:${order.flavour}+${order.extras.join(',')}`;
  }
}

describe('buildFederatedSubgraph', () => {
  it('passes the internal value of an enum argument left to its default', async () => {
    const { schema } = await buildFederatedSubgraph({ name: 'echo', resolvers: [EchoResolver] });
    const run = async (source: string) => (await graphql({ schema, source })).data;
    expect(await run('{ echo(flavour: FANCY) }')).toEqual({ echo: 'internal:fancy-2024' });
    expect(await run('{ echo }')).toEqual({ echo: 'internal:plain' });
    expect(await run('{ order(order: {}) }')).toEqual({ order: 'internal:plain+fancy-2024' });
  });
});
