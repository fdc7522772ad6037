import { Polar } from "@polar-customers/sdk";
const polar = new Polar({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
const result = await polar.customers.list({
organizationId: [
"1dbfc517-0bbf-4301-9ba8-555ca42b9737",
],
});
for await (const page of result) {
// Handle the page
console.log(page);
}
}
run();
