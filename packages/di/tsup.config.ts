import { packageBuild } from "@typhoon-tooling/tsup-preset";

export default packageBuild();
