// @bun
// package.json
var version = "0.1.0";
var package_default = {
  version
};
export {
  package_default as default,
  version
};
