import type { InferParams } from "@typhoon/di";
import { describe, expectTypeOf, it } from "vitest";
import { FormData } from "./form-data";
import { UploadFile } from "./upload-file";

describe("phantom output types", () => {
  it("lets `params: { file: UploadFile, form: FormData }` infer the instances", () => {
    const params = { file: UploadFile, form: FormData };
    expectTypeOf<InferParams<typeof params>>().toEqualTypeOf<{
      file: UploadFile;
      form: FormData;
    }>();
  });
});
