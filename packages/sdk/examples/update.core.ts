import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersUpdate } from "@polar-customers/sdk/funcs/customersUpdate.js";
// Use `PolarCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const polar = new PolarCore({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const res = await customersUpdate(polar, {
id: "<value>",
customerUpdate: {},
});
if (!res.ok) {
throw res.error;
}
const { value: result } = res;
// Handle the result
console.log(result);
}
run();
