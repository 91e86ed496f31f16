// The SDK warns once per process that it will soon require Node 22; the repo is on Node 20 by
// choice, and the warning would otherwise repeat in every test worker's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
