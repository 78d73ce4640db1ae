package org.billingreports.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat refuses some requests before they reach the application (an encoded slash or a NUL in the
 * path, a malformed request line); it answers those in the ServiceStack error shape too, instead of
 * its HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String errorCode = (status >= 500) ? "InternalServerError" : "BadRequest";
		String message = (status >= 500) ? "The server failed to handle this request; the failure is logged"
				: "The request was refused: it is not a well-formed HTTP request for this service";
		if (status == 501 && UnsupportedMethods.isUnsupported(request.getMethod())) {
			// Tomcat answers a CONNECT itself, with 501: the method is not allowed here, say so.
			response.setStatus(405);
			response.setHeader("Allow", UnsupportedMethods.ALLOW);
			errorCode = "MethodNotAllowed";
			message = UnsupportedMethods.message(request.getMethod());
		}
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"responseStatus\":{\"errorCode\":\"" + errorCode + "\",\"message\":\"" + message
						+ "\",\"errors\":[]}}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot be written: nothing more to do.
		}
	}

}
