import { PROTOCOLS, type ServiceName } from "../services/service-name.ts";
import type { ApiError } from "./api-error.ts";
import { escapeXml, leaf } from "./xml.ts";

export type Rendered = { status: number; headers: Record<string, string>; body: string };

const XML_NAMESPACES: Partial<Record<ServiceName, string>> = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  rds: "http://rds.amazonaws.com/doc/2014-10-31/",
  ec2: "http://ec2.amazonaws.com/doc/2016-11-15/",
};

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

function headers(contentType: string, requestId: string): Record<string, string> {
  return {
    "content-type": contentType,
    "x-amzn-requestid": requestId,
    "x-amz-request-id": requestId,
    date: new Date().toUTCString(),
  };
}

// payload: the inner XML of <OpResult> (awsQuery), of <OpResponse> (ec2Query), the whole
// document (S3), or a JSON-serialisable value (JSON 1.1).
export function renderSuccess(
  service: ServiceName,
  operation: string,
  requestId: string,
  payload: unknown,
): Rendered {
  switch (PROTOCOLS[service]) {
    case "query":
      return {
        status: 200,
        headers: headers("text/xml", requestId),
        body:
          `${XML_HEAD}<${operation}Response xmlns="${XML_NAMESPACES[service]}">` +
          `<${operation}Result>${payload as string}</${operation}Result>` +
          `<ResponseMetadata>${leaf("RequestId", requestId)}</ResponseMetadata></${operation}Response>`,
      };
    case "ec2":
      return {
        status: 200,
        headers: headers("text/xml;charset=UTF-8", requestId),
        body: `${XML_HEAD}<${operation}Response xmlns="${XML_NAMESPACES.ec2}">${leaf("requestId", requestId)}${payload as string}</${operation}Response>`,
      };
    case "rest-xml":
      return { status: 200, headers: s3Headers(requestId), body: `${XML_HEAD}${payload as string}` };
    case "json":
      return {
        status: 200,
        headers: headers("application/x-amz-json-1.1", requestId),
        body: JSON.stringify(payload ?? {}),
      };
  }
}

export function renderError(service: ServiceName, requestId: string, error: ApiError): Rendered {
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  switch (PROTOCOLS[service]) {
    case "query":
      return {
        status: error.status,
        headers: headers("text/xml", requestId),
        body:
          `${XML_HEAD}<ErrorResponse xmlns="${XML_NAMESPACES[service]}"><Error>` +
          `<Type>${error.status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message>` +
          `</Error>${leaf("RequestId", requestId)}</ErrorResponse>`,
      };
    case "ec2":
      return {
        status: error.status,
        headers: headers("text/xml;charset=UTF-8", requestId),
        body: `${XML_HEAD}<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors>${leaf("RequestID", requestId)}</Response>`,
      };
    case "rest-xml": {
      let details = "";
      for (const [key, value] of Object.entries(error.details ?? {})) details += leaf(key, value);
      return {
        status: error.status,
        headers: s3Headers(requestId),
        body: `${XML_HEAD}<Error><Code>${code}</Code><Message>${message}</Message>${details}${leaf("RequestId", requestId)}${leaf("HostId", requestId)}</Error>`,
      };
    }
    case "json":
      return {
        status: error.status,
        headers: { ...headers("application/x-amz-json-1.1", requestId), "x-amzn-errortype": error.code },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
  }
}

function s3Headers(requestId: string): Record<string, string> {
  return { ...headers("application/xml", requestId), "x-amz-id-2": requestId };
}
