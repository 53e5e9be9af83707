import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), problem: Type.String() }))),
    params: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description:
          'Values the detail names (e.g. the exercise status of plan_frozen), for wording it in the reader’s language',
      }),
    ),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const problem = Type.Ref(ProblemSchema);

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const problems = {
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  409: problem,
  422: problem,
} as const;

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
/** A core capability's identifier: the shipped catalogue's key (operational-coordination) or an added one's. */
export const CapabilityId = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z0-9][a-z0-9-]*$',
  description: "a core capability's identifier, as GET /core-capabilities lists it",
});
export const Instant = Type.String({ format: 'date-time', description: 'UTC instant' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Items = <T extends TSchema>(t: T) => Type.Object({ items: Type.Array(t) });

/**
 * One of an enumeration's values (src/contract/enums.ts), typed as that union: `Static` of it is
 * `'pending' | 'done'`, not string, so the console's derived types keep the enumeration.
 */
export const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
