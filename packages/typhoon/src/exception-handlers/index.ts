// `typhoon/exception-handlers`: the default handlers, for custom handlers that delegate to them.

export {
  type ErrorClass,
  type ExceptionHandler,
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from "../pipeline/exception-handlers";
