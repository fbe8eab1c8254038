// `typhoon/datetime`: pydantic's date-time kinds for params, bodies and response models
// (Python's `from datetime import datetime, time, timedelta`), re-exported by name from
// @typhoon/validation.

export { Duration, datetime, time, timedelta } from "@typhoon/validation";
