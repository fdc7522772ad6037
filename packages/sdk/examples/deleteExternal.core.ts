import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersDeleteExternal } from "@polar-customers/sdk/funcs/customersDeleteExternal.js";
// Use `PolarCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const polar = new PolarCore({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const res = await customersDeleteExternal(polar, {
externalId: "<id>",
});
if (!res.ok) {
throw res.error;
}
const { value: result } = res;
}
run();
