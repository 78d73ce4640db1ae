package org.billingreports.ingestion;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A {@code mod_xml_cdr} leg: {@code <cdr><variables><name>value</name>…</variables><callflow>…</callflow>…}, the
 * values always URL-encoded, the call flows newest first. No DTD is read, no entity expanded, nothing fetched:
 * a document with a {@code DOCTYPE} is refused.
 */
final class XmlLeg implements LegDocument {

	private final Element variables;

	private final List<Element> callflows;

	private XmlLeg(Element variables, List<Element> callflows) {
		this.variables = variables;
		this.callflows = callflows;
	}

	static XmlLeg read(PostedBody body) {
		Document document;
		try {
			document = parser().parse(new InputSource(new StringReader(body.document())));
		}
		catch (SAXException | IOException ex) {
			throw new UnreadableLegException("the body is not a FreeSWITCH XML leg (a DOCTYPE is never read): "
					+ ex.getMessage());
		}
		Element cdr = document.getDocumentElement();
		Element variables = child(cdr, "variables");
		if (!"cdr".equals(cdr.getTagName()) || variables == null) {
			throw new UnreadableLegException("the XML is no <cdr> with <variables>: it is not a mod_xml_cdr leg");
		}
		return new XmlLeg(variables, children(cdr, "callflow"));
	}

	private static DocumentBuilder parser() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			// Errors are thrown, not printed as well.
			builder.setErrorHandler(null);
			return builder;
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("the JDK's XML parser cannot be made safe", ex);
		}
	}

	@Override
	public String variable(String name) {
		Element value = child(this.variables, name);
		String text = (value != null) ? PostedBody.percentDecoded(value.getTextContent()) : null;
		return (text == null || text.isEmpty()) ? null : text;
	}

	@Override
	public String profile(String name) {
		return text(child(child(newest(), "caller_profile"), name));
	}

	@Override
	public String time(String name) {
		return text(child(child(newest(), "times"), name));
	}

	@Override
	public boolean originated() {
		return this.callflows.stream().anyMatch(flow -> child(child(flow, "caller_profile"), "originator") != null);
	}

	private Element newest() {
		return this.callflows.isEmpty() ? null : this.callflows.get(0);
	}

	private static String text(Element element) {
		String text = (element != null) ? element.getTextContent() : null;
		return (text == null || text.isEmpty()) ? null : text;
	}

	private static Element child(Element parent, String name) {
		List<Element> found = (parent != null) ? children(parent, name) : List.of();
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

}
