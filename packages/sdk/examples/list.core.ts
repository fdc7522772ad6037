import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersList } from "@polar-customers/sdk/funcs/customersList.js";
// Use `PolarCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const polar = new PolarCore({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const res = await customersList(polar, {
organizationId: [
"1dbfc517-0bbf-4301-9ba8-555ca42b9737",
],
});
if (!res.ok) {
throw res.error;
}
const { value: result } = res;
for await (const page of result) {
// Handle the page
console.log(page);
}
}
run();
