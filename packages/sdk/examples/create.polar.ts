import { Polar } from "@polar-customers/sdk";
const polar = new Polar({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const result = await polar.customers.create({
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
// Handle the result
console.log(result);
}
run();
