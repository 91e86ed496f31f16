import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, MAX_PAGE_SIZE, USER_SCHEMA } from "./scim-constants.ts";

/** RFC 7644 §4: what this service provider supports, and the schemas of its resources. */

const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex" | "dateTime" | "reference";
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable";
  returned?: "always" | "default";
  uniqueness?: "none" | "server";
  subAttributes?: Attribute[];
};

function attribute(a: Attribute): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.name,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? "readWrite",
    returned: a.returned ?? "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const text = (name: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  ...extra,
});

const USER_ATTRIBUTES: Attribute[] = [
  text("userName", { required: true, uniqueness: "server" }),
  text("externalId", { caseExact: true }),
  {
    name: "name",
    type: "complex",
    subAttributes: [text("givenName"), text("familyName"), text("formatted")],
  },
  text("displayName"),
  text("title"),
  { name: "active", type: "boolean" },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    subAttributes: [text("value"), text("type"), text("display"), { name: "primary", type: "boolean" }],
  },
  {
    name: "groups",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    subAttributes: [text("value", { mutability: "readOnly" }), text("display", { mutability: "readOnly" })],
  },
];

const GROUP_ATTRIBUTES: Attribute[] = [
  text("displayName", { required: true, uniqueness: "server" }),
  text("externalId", { caseExact: true }),
  {
    name: "members",
    type: "complex",
    multiValued: true,
    subAttributes: [
      text("value", { mutability: "immutable" }),
      text("display", { mutability: "readOnly" }),
      text("type"),
    ],
  },
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  text("employeeNumber"),
  text("costCenter"),
  text("organization"),
  text("division"),
  text("department"),
  { name: "manager", type: "complex", subAttributes: [text("value"), { name: "$ref", type: "reference" }] },
];

export function schemas(baseUrl: string): Array<Record<string, unknown>> {
  return [
    [USER_SCHEMA, "User", USER_ATTRIBUTES],
    [GROUP_SCHEMA, "Group", GROUP_ATTRIBUTES],
    [ENTERPRISE_SCHEMA, "EnterpriseUser", ENTERPRISE_ATTRIBUTES],
  ].map(([id, name, attributes]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description: name,
    attributes: (attributes as Attribute[]).map(attribute),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  }));
}

export function resourceTypes(baseUrl: string): Array<Record<string, unknown>> {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "People of this identity source",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Groups of this identity source",
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [CONFIG_SCHEMA],
    documentationUri: "https://datatracker.ietf.org/doc/html/rfc7644",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The token shown once when the identity source was created (or its token rotated).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}
