import { PolarCore } from "@polar-customers/sdk/core.js";
import { customersCreate } from "@polar-customers/sdk/funcs/customersCreate.js";
// Use `PolarCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const polar = new PolarCore({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const res = await customersCreate(polar, {
externalId: "usr_1337",
email: "[email protected]",
name: "John Doe",
billingAddress: {
country: "SE",
},
taxId: [
"FR61954506077",
"eu_vat",
],
organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
});
if (!res.ok) {
throw res.error;
}
const { value: result } = res;
// Handle the result
console.log(result);
}
run();
