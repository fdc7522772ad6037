import { Polar } from "@polar-customers/sdk";
const polar = new Polar({
accessToken: process.env["POLAR_ACCESS_TOKEN"] ?? "",
serverURL: process.env["POLAR_SERVER_URL"],
});
async function run() {
await polar.customers.deleteExternal({
externalId: "<id>",
});
}
run();
